package dev.signingsuite.gateway.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/** A run that starts the embedded server on a data directory and waits to be killed (SIGKILL). */
final class KilledRun {

    private KilledRun() {}

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
