package dev.signingsuite.standalone.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU of the JVM's own threads, which the Java API does not list: garbage collection and JIT
 * compilation, read from Linux's {@code /proc/self/task}, by task id. Off Linux, nothing.
 */
final class JvmThreads {

    static final String GC = "gc";
    static final String JIT = "jit";

    private static final Path TASKS = Path.of("/proc/self/task");

    /** Clock ticks per second of {@code /proc} times (USER_HZ), 100 on every Linux we run on. */
    private static final long TICKS_PER_SECOND = 100;

    private JvmThreads() {}

    record Task(String group, long nanos) {}

    /** GC and JIT threads by task id, with their CPU so far. */
    static Map<Long, Task> read() {
        Map<Long, Task> tasks = new HashMap<>();
        try (Stream<Path> dirs = Files.list(TASKS)) {
            for (Path dir : dirs.toList()) {
                try {
                    String group = groupOf(Files.readString(dir.resolve("comm")).strip());
                    if (group != null) {
                        tasks.put(Long.parseLong(dir.getFileName().toString()), new Task(group, nanos(dir)));
                    }
                } catch (IOException | RuntimeException e) {
                    // The task ended while being read: it counts up to its last reading, as elsewhere.
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return tasks;
    }

    /** Per group, what the tasks used between two readings; a task that ended in between is lost. */
    static Map<String, Long> between(Map<Long, Task> before, Map<Long, Task> after) {
        Map<String, Long> groups = new HashMap<>();
        after.forEach((id, task) -> {
            Task earlier = before.get(id);
            groups.merge(task.group(), task.nanos() - (earlier == null ? 0 : earlier.nanos()), Long::sum);
        });
        return groups;
    }

    /** HotSpot's thread names, cut to 15 characters by the kernel. */
    static String groupOf(String comm) {
        if (comm.startsWith("GC Thread")
                || comm.startsWith("G1 ")
                || comm.startsWith("ZWorker")
                || comm.startsWith("Parallel GC")) {
            return GC;
        }
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        return null;
    }

    private static long nanos(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        // The name in parentheses may hold spaces; fields after it start at the state (field 3).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
