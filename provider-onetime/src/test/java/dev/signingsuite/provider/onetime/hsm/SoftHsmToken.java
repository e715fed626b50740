package dev.signingsuite.provider.onetime.hsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token for the tests of this JVM, initialised once with {@code softhsm2-util} in the
 * directory the surefire configuration names in {@code SOFTHSM2_CONF}. Without Debian's {@code
 * softhsm2} the tests that use it fail, saying so: they are not skipped.
 */
public final class SoftHsmToken {

    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String PIN = "1234";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private static HsmProperties properties;

    private SoftHsmToken() {}

    /** The token's configuration, initialising it at the first call. */
    public static synchronized HsmProperties properties() {
        if (properties == null) {
            properties = initialise();
        }
        return properties;
    }

    public static HsmProperties withPin(String pin) {
        HsmProperties token = properties();
        return new HsmProperties(token.library(), token.slot(), 0, token.token(), pin);
    }

    /** The objects kept in the token's storage (SoftHSM2 writes one file per token object). */
    public static long storedObjects() throws IOException {
        try (Stream<Path> files = Files.walk(tokenDirectory())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".object"))
                    .filter(file -> !file.getFileName().toString().equals("token.object"))
                    .count();
        }
    }

    private static Path tokenDirectory() {
        return configuration().resolveSibling("tokens");
    }

    private static Path configuration() {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the tests through Maven (see the pom)");
        }
        return Path.of(conf);
    }

    private static HsmProperties initialise() {
        if (!Files.isReadable(LIBRARY)) {
            throw new IllegalStateException("no " + LIBRARY + ": install Debian's softhsm2 (.ci/run does)");
        }
        try {
            Path tokens = tokenDirectory();
            if (Files.isDirectory(tokens)) {
                try (Stream<Path> old = Files.walk(tokens)) {
                    old.sorted(java.util.Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(
                    configuration(),
                    "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
            Process init = new ProcessBuilder(
                            "softhsm2-util",
                            "--init-token",
                            "--free",
                            "--label",
                            "onetime-test",
                            "--so-pin",
                            "5678",
                            "--pin",
                            PIN)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (init.waitFor() != 0) {
                throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
            }
            Matcher slot = SLOT.matcher(output);
            if (!slot.find()) {
                throw new IllegalStateException("softhsm2-util named no slot: " + output);
            }
            return new HsmProperties(LIBRARY, Long.parseLong(slot.group(1)), 0, "onetime-test", PIN);
        } catch (IOException e) {
            throw new IllegalStateException("cannot initialise a SoftHSM2 token (is softhsm2 installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
