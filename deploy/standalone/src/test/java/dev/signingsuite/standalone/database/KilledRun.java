package dev.signingsuite.standalone.database;

import java.nio.file.Path;

/** A run that starts the embedded server on a data directory and waits to be killed (SIGKILL). */
final class KilledRun {

    private KilledRun() {}

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase.start(Path.of(args[0]), 0);
        Thread.sleep(Long.MAX_VALUE);
    }
}
