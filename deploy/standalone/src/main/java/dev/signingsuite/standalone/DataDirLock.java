package dev.signingsuite.standalone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second process off a Kafka data directory. Kafka's own {@code .lock} is taken only when
 * the broker half starts; by then the controller of the second process has already joined the
 * metadata log under the same node id, which left the first broker unable to shut down in a trial.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("standalone.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM, e.g. a second broker in one test
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Data directory " + dir + " is in use by another running standalone"
                    + " process (lock " + file + "). Stop it, or start with --standalone.data-dir=<another dir>.");
        }
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
