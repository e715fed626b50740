package dev.signingsuite.standalone.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's status store in the standalone run: PostgreSQL from the bundled binaries on
 * 127.0.0.1, its files in the data directory so that status and history survive restarts. The
 * gateway is only handed {@link #jdbcUrl()}; starting, clean-up and stopping are the launcher's.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server on {@code dataDirectory} (initialised on first use, reused afterwards),
     * after stopping one that a killed run left on it. The caller must own the directory: a server
     * found there is taken for a leftover.
     *
     * @param port the port on 127.0.0.1, 0 = any free
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        Path directory = Files.createDirectories(dataDirectory).toAbsolutePath().normalize();
        LeftoverServer.stopIfRunning(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .start();
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{} ({})", postgres.getPort(), directory);
        return new EmbeddedDatabase(postgres, directory);
    }

    /** Where the gateway connects, as user {@link #USER} without a password (loopback only). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (pg_ctl, fast mode); its files stay for the next start. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
