package dev.signingsuite.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a directory tree this process made; what cannot be removed stays, silently. */
final class TemporaryDirectory {

    private TemporaryDirectory() {}

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
