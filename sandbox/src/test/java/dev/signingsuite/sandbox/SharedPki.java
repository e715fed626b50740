package dev.signingsuite.sandbox;

import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One test PKI per test JVM: generating keys is the slowest thing these tests do. */
public final class SharedPki {

    private static TestPki pki;

    private SharedPki() {}

    public static synchronized TestPki get() {
        if (pki == null) {
            try {
                Path dir = Files.createTempDirectory("sandbox-pki");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
                pki = TestPki.loadOrCreate(dir, PkiSettings.defaults());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pki;
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is in the temporary directory anyway
        }
    }
}
