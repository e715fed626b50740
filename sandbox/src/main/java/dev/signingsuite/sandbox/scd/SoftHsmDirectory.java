package dev.signingsuite.sandbox.scd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the SoftHSM2 configuration that {@code SOFTHSM2_CONF} names, with the tokens in a {@code
 * tokens} directory beside it, unless it exists: what a test or a launcher does before the remote
 * SCD service makes its first device.
 */
public final class SoftHsmDirectory {

    private SoftHsmDirectory() {}

    /** @return the configuration file; fails when {@code SOFTHSM2_CONF} is not set */
    public static Path prepare() {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new IllegalStateException("the remote SCD service keeps its tokens where SOFTHSM2_CONF says:"
                    + " set it before the JVM starts (./suite does)");
        }
        Path configuration = Path.of(conf).toAbsolutePath();
        try {
            Path tokens = configuration.resolveSibling("tokens");
            Files.createDirectories(tokens);
            if (!Files.exists(configuration)) {
                Files.writeString(
                        configuration,
                        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
            }
            return configuration;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
