package dev.signingsuite.standalone;

import java.io.IOException;
import java.io.InputStream;

/**
 * Makes a child of {@code --processes} end with its parent, also when the parent is killed with
 * SIGKILL and runs no shutdown hook: the parent holds the write end of this process's stdin, and
 * the kernel closes it when the parent dies, however it dies.
 */
final class ParentWatch {

    /** How long a graceful stop may take once the parent is gone, before the JVM halts. */
    private static final long GRACE_MILLIS = 15_000;

    private ParentWatch() {}

    static void start(InputStream parentPipe) {
        Thread watch = new Thread(() -> awaitEndOf(parentPipe), "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void awaitEndOf(InputStream parentPipe) {
        try {
            while (parentPipe.read() != -1) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same: the parent is gone
        }
        Thread halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(GRACE_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // A Kafka node whose quorum died with the parent can wait for it forever.
                    Runtime.getRuntime().halt(3);
                },
                "parent-gone-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }
}
