package dev.signingsuite.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A JVM this process started from its own class path, running {@link StandaloneApplication} with an
 * internal command ({@code service NAME} or {@code kafka-node}). Its output goes to a log file; its
 * stdin stays open as the lifeline {@link ParentWatch} waits on.
 *
 * @param port the HTTP port of a service, the Kafka port of a node
 */
record ChildProcess(String name, int instance, Process process, int port, Path log) {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static ChildProcess start(
            String name, int instance, int port, List<String> jvmOptions, List<String> args, Path logs)
            throws IOException {
        return start(name, instance, port, jvmOptions, args, logs, Map.of());
    }

    /** @param environment added to this process's environment (provider-onetime's SOFTHSM2_CONF) */
    static ChildProcess start(
            String name,
            int instance,
            int port,
            List<String> jvmOptions,
            List<String> args,
            Path logs,
            Map<String, String> environment)
            throws IOException {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + "-" + instance + ".log");
        List<String> command = new ArrayList<>(javaCommand(jvmOptions));
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ChildProcess(name, instance, builder.start(), port, log);
    }

    /** The same command and environment again, on the same port, its output appended to the same log. */
    ChildProcess startAgain(List<String> jvmOptions, List<String> args, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(javaCommand(jvmOptions));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ChildProcess(name, instance, builder.start(), port, log);
    }

    /**
     * The java of this JVM on this JVM's class path. Under Spring Boot's launcher (the executable
     * jar) that path is the jar itself, started with {@code -jar}; in tests and IDEs the classes are
     * on the class path directly.
     */
    static List<String> javaCommand(List<String> jvmOptions) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        if (StandaloneApplication.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, StandaloneApplication.class.getName()));
        }
        return command;
    }

    long pid() {
        return process.pid();
    }

    String label() {
        return name + "#" + instance;
    }

    /** Whether its HTTP server answers at all; health itself is the readiness probes' business. */
    boolean answersHttp() {
        try {
            HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code /actuator/prometheus}, or empty when it does not answer. */
    String prometheus() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** CPU time the process used so far (user and system), as the OS accounts it. */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Resident set size in bytes (Linux); empty where the OS does not say. */
    OptionalLong rssBytes() {
        return rssBytes(pid());
    }

    static OptionalLong rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or already gone
        }
        return OptionalLong.empty();
    }

    /** The last lines of its log, for a failure message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM: the child's shutdown hooks stop it as Ctrl+C would. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the end of a {@link #terminate}d child; SIGKILLs it and its descendants after {@code grace}. */
    void awaitExit(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL, no shutdown hook: a crash. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
