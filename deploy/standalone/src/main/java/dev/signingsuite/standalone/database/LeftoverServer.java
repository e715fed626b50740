package dev.signingsuite.standalone.database;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server still running on the embedded data directory although no standalone process
 * owns it: the JVM that started it was killed (a JVM's shutdown hooks stop it otherwise). PostgreSQL
 * refuses to start a second server on the directory, so it is stopped first. Only a process the
 * directory's {@code postmaster.pid} names, that is a {@code postgres} and runs on that directory,
 * is touched.
 */
final class LeftoverServer {

    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private LeftoverServer() {}

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> leftover = find(dataDirectory);
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle server = leftover.get();
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", server.pid(), dataDirectory);
        // SIGTERM: a smart shutdown, which is quick because the clients of the earlier run are gone.
        server.destroy();
        try {
            server.onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("PostgreSQL (pid " + server.pid() + ") left running on " + dataDirectory
                    + " did not stop within " + PATIENCE + "; stop it and start again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping a leftover PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for a leftover PostgreSQL to stop", e);
        }
    }

    static Optional<ProcessHandle> find(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        // Line 1: the postmaster's pid; line 2: its data directory.
        List<String> lines = Files.readAllLines(pidFile, US_ASCII);
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        Path ownDirectory = dataDirectory.toRealPath();
        boolean sameDirectory = Files.isDirectory(Path.of(lines.get(1).strip()))
                && Path.of(lines.get(1).strip()).toRealPath().equals(ownDirectory);
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> sameDirectory)
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }
}
