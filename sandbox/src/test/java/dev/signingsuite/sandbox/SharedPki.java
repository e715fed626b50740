package dev.signingsuite.sandbox;

import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.testclock.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The test PKIs of one test JVM, generated once each: generating keys is the slowest thing these
 * tests do. {@link #get()} is issued "now", for tests whose code under test runs on the machine's
 * clock (and meets validators and openssl that check against it); {@link #fixed()} is issued for
 * {@link #FIXED_NOW}, for tests that run the sandbox on a fixed or hand-moved clock. Either way the
 * certificates are valid at the time the test works at, on any day the test runs.
 */
public final class SharedPki {

    /** The instant {@link #fixed()} is issued for: its certificates are valid from a day before, for years. */
    public static final Instant FIXED_NOW = Instant.parse("2026-11-23T09:00:00Z");

    private static TestPki now;
    private static TestPki fixed;

    private SharedPki() {}

    /** Issued at the machine's time ({@link TestClock}). */
    public static synchronized TestPki get() {
        if (now == null) {
            now = create(TestClock.system());
        }
        return now;
    }

    /** Issued for {@link #FIXED_NOW}. */
    public static synchronized TestPki fixed() {
        if (fixed == null) {
            fixed = create(Clock.fixed(FIXED_NOW, ZoneOffset.UTC));
        }
        return fixed;
    }

    private static TestPki create(Clock clock) {
        try {
            Path dir = Files.createTempDirectory("sandbox-pki");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return TestPki.loadOrCreate(dir, PkiSettings.defaults(), SandboxEntities.ALL, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
