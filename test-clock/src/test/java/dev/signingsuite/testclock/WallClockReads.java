package dev.signingsuite.testclock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the lines of test code that read the machine's clock instead of going through {@link TestClock}. */
final class WallClockReads {

    private static final Pattern READ = Pattern.compile("\\bInstant\\.now\\(|\\bClock\\.system(UTC|DefaultZone)?\\("
            + "|\\bnew\\s+(java\\.util\\.)?Date\\(\\s*\\)|\\bSystem\\.currentTimeMillis\\(|\\bCalendar\\.getInstance\\("
            + "|\\b(LocalDate|LocalDateTime|LocalTime|OffsetDateTime|OffsetTime|ZonedDateTime|Year|YearMonth|MonthDay)"
            + "\\.now\\(");
    private static final Pattern STRING = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");

    private WallClockReads() {}

    /** Every direct read in the test code of the project under {@code root}, as {@code path:line: text}. */
    static List<String> in(Path root) {
        List<String> findings = new ArrayList<>();
        for (Path file : testSources(root)) {
            try {
                findings.addAll(in(root.relativize(file).toString(), Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return findings;
    }

    /** The direct reads in one source text; comments and string literals do not count. */
    static List<String> in(String name, String source) {
        List<String> findings = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        boolean inBlockComment = false;
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i];
            if (inBlockComment) {
                int end = code.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                code = code.substring(end + 2);
                inBlockComment = false;
            }
            code = STRING.matcher(code).replaceAll("\"\"");
            int start = code.indexOf("/*");
            if (start >= 0) {
                int end = code.indexOf("*/", start + 2);
                inBlockComment = end < 0;
                code = code.substring(0, start) + (end < 0 ? "" : code.substring(end + 2));
            }
            int lineComment = code.indexOf("//");
            if (lineComment >= 0) {
                code = code.substring(0, lineComment);
            }
            if (READ.matcher(code).find()) {
                findings.add(name + ":" + (i + 1) + ": " + lines[i].strip());
            }
        }
        return findings;
    }

    // Test code: every module's src/test/java, and the main code of the modules that exist only for tests.
    private static List<Path> testSources(Path root) {
        Path clockClass = root.resolve("test-clock/src/main/java/dev/signingsuite/testclock/TestClock.java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.equals(clockClass))
                    .filter(file -> isTestCode(root.relativize(file)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isTestCode(Path relative) {
        String path = relative.toString().replace('\\', '/');
        if (path.contains("/target/") || path.startsWith(".")) {
            return false;
        }
        return path.contains("/src/test/java/")
                || path.startsWith("test-support/src/main/java/")
                || path.startsWith("test-clock/src/main/java/");
    }
}
