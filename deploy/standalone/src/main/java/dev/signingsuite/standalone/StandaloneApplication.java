package dev.signingsuite.standalone;

import dev.signingsuite.messaging.ServiceLookupCache;
import dev.signingsuite.standalone.seal.SealReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.event.ContextClosedEvent;

/** Entry point of {@code standalone.jar}: dispatches the command, then lets Spring own the services. */
/**
 * No auto-configuration here: this context only owns the broker, the sandbox and the services'
 * contexts. The services bring web servers, JDBC and Kafka auto-configuration onto the class path,
 * and each service configures those in its own context.
 */
@SpringBootConfiguration
@ComponentScan
@ConfigurationPropertiesScan
public class StandaloneApplication {

    static final int EXIT_STARTUP_FAILED = 1;
    static final int EXIT_USAGE = 2;

    static final int EXIT_NOT_ALL_SEALED = 1;

    public static void main(String[] args) {
        ServiceLookupCache.install();
        Invocation invocation = Invocation.parse(args);
        switch (invocation.command()) {
            case HELP -> System.out.print(Usage.TEXT);
            case UNKNOWN -> {
                System.err.println(invocation.problem());
                System.err.println();
                System.err.print(Usage.TEXT);
                System.exit(EXIT_USAGE);
            }
            case RUN -> {
                if (invocation.processes()) {
                    runProcesses(invocation);
                } else {
                    RunLogging.apply(invocation.springArgs());
                    run(invocation.springArgsArray());
                }
            }
            case SEAL, FORMATS -> System.exit(seal(invocation));
            case BENCH -> System.exit(bench(invocation));
            case SERVICE -> child(() -> ChildCommands.service(invocation.operand(), invocation.springArgs()));
            case KAFKA_NODE -> child(() -> ChildCommands.kafkaNode(invocation.springArgs()));
            case S3_SERVER -> child(() -> ChildCommands.s3Server(invocation.springArgs()));
            case DLQ -> {
                // No Spring here: kafka-clients would print every client's configuration at INFO.
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                        .setLevel(ch.qos.logback.classic.Level.WARN);
                System.exit(DlqCommand.run(invocation.operands(), invocation.springArgs(), System.out, System.err));
            }
            case CHAOS -> System.exit(ChaosCommand.run(invocation));
        }
    }

    private interface ChildStart {
        void start() throws Exception;
    }

    /** A child of --processes that cannot start exits, so its parent reports it at once. */
    private static void child(ChildStart start) {
        try {
            start.start();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(EXIT_STARTUP_FAILED);
        }
    }

    private static void runProcesses(Invocation invocation) {
        try {
            ConfigurableApplicationContext settings = ProcessCommands.settings(invocation.springArgsArray());
            ProcessCommands.run(settings.getBean(StandaloneProperties.class), invocation.operand(), System.out);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("run: the suite did not start: " + innermostMessage(e));
            System.exit(EXIT_STARTUP_FAILED);
        }
    }

    /**
     * Starts the suite on free ports and, unless one is given, a temporary data directory (a running
     * {@code suite run} keeps its own), seals, stops. On a given data directory the sandbox comes
     * back on the port its test PKI's certificates name (see {@link SandboxPort}).
     */
    static int seal(Invocation invocation) {
        List<String> springArgs = new ArrayList<>(invocation.springArgs());
        java.nio.file.Path temporary = null;
        if (System.getenv("STANDALONE_DATA_DIR") == null
                && springArgs.stream().noneMatch(arg -> arg.startsWith("--standalone.data-dir="))) {
            // Its own data: a running `suite run` holds ./data, and a seal needs none of it.
            try {
                temporary = java.nio.file.Files.createTempDirectory("signing-seal-");
            } catch (java.io.IOException e) {
                System.err.println("seal: cannot create a temporary data directory: " + e.getMessage());
                return EXIT_STARTUP_FAILED;
            }
            springArgs.add("--standalone.data-dir=" + temporary);
        }
        // Free, or the one a given data directory's test PKI names (SandboxPort).
        defaultTo(springArgs, "standalone.sandbox.port", "0");
        try {
            return seal(invocation, springArgs);
        } finally {
            if (temporary != null) {
                TemporaryDirectory.delete(temporary);
            }
        }
    }

    private static int seal(Invocation invocation, List<String> springArgs) {
        defaultTo(springArgs, "standalone.kafka.port", "0");
        defaultTo(springArgs, "standalone.services.gateway-port", "0");
        defaultTo(springArgs, "standalone.services.base-port", "0");
        defaultTo(springArgs, "standalone.services.log-level", "WARN");
        defaultTo(springArgs, "standalone.ready-banner", "false");
        // provider-onetime is a JVM of its own (OnetimeToken): started only when it seals.
        defaultTo(
                springArgs,
                "standalone.onetime.enabled",
                Boolean.toString(invocation.seal().provider() == dev.signingsuite.events.Provider.ONETIME));
        quiet(springArgs);
        // One line of our own instead of Boot's report and stack trace (a port or data directory
        // taken by a running suite is the usual cause).
        defaultTo(springArgs, "logging.level.org.springframework.boot.SpringApplication", "OFF");
        defaultTo(springArgs, "logging.level.org.springframework.boot.diagnostics", "OFF");
        defaultTo(springArgs, "logging.level.org.springframework.context", "ERROR");
        if (invocation.seal().processes()) {
            return sealProcesses(invocation, springArgs);
        }
        try (ConfigurableApplicationContext context = start(springArgs.toArray(String[]::new))) {
            if (invocation.command() == Invocation.Command.FORMATS) {
                return FormatsCommand.run(context, invocation.seal().outputDir(), System.out);
            }
            SealReport report = SealCommand.run(context, invocation.seal(), System.out);
            report.print(System.out);
            return report.allSealed() ? 0 : EXIT_NOT_ALL_SEALED;
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("seal: " + e.getMessage());
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            System.err.println("seal: the suite did not start: " + innermostMessage(e));
            return EXIT_STARTUP_FAILED;
        }
    }

    private static int sealProcesses(Invocation invocation, List<String> springArgs) {
        try (ConfigurableApplicationContext settings = ProcessCommands.settings(springArgs.toArray(String[]::new))) {
            SealReport report =
                    ProcessCommands.seal(settings.getBean(StandaloneProperties.class), invocation.seal(), System.out);
            return report.allSealed() ? 0 : EXIT_NOT_ALL_SEALED;
        } catch (IllegalArgumentException e) {
            System.err.println("seal: " + e.getMessage());
            return EXIT_USAGE;
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("seal: the suite did not start: " + innermostMessage(e));
            return EXIT_STARTUP_FAILED;
        }
    }

    /** Spring wraps a bean's failure in several layers; the innermost message names the cause. */
    static String innermostMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    /**
     * Starts the suite on free ports and a fresh data directory (a bench never measures yesterday's
     * topics), runs the baseline and the suite, prints the tables, writes the JSON, stops.
     */
    static int bench(Invocation invocation) {
        List<String> springArgs = new ArrayList<>(invocation.springArgs());
        try {
            defaultTo(
                    springArgs,
                    "standalone.data-dir",
                    java.nio.file.Files.createTempDirectory("signing-bench-").toString());
        } catch (java.io.IOException e) {
            System.err.println("bench: " + e.getMessage());
            return EXIT_STARTUP_FAILED;
        }
        defaultTo(springArgs, "standalone.kafka.port", "0");
        defaultTo(springArgs, "standalone.sandbox.port", "0");
        defaultTo(springArgs, "standalone.services.gateway-port", "0");
        defaultTo(springArgs, "standalone.services.base-port", "0");
        defaultTo(springArgs, "standalone.services.log-level", "WARN");
        defaultTo(springArgs, "standalone.ready-banner", "false");
        defaultTo(springArgs, "standalone.onetime.enabled", "false"); // the bench never signs one-time
        quiet(springArgs);
        BenchCommand.addSpringArgs(springArgs, invocation.bench());
        try (ConfigurableApplicationContext context = start(springArgs.toArray(String[]::new))) {
            BenchCommand.run(context, invocation.bench(), System.out);
            return 0;
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            return EXIT_STARTUP_FAILED;
        }
    }

    /** A command scripts read: its own lines on stdout, warnings and errors only from the rest. */
    private static void quiet(List<String> springArgs) {
        defaultTo(springArgs, "logging.level.root", "WARN");
        defaultTo(springArgs, "spring.main.log-startup-info", "false");
    }

    private static void defaultTo(List<String> springArgs, String key, String value) {
        if (springArgs.stream().noneMatch(arg -> arg.startsWith("--" + key + "="))) {
            springArgs.add("--" + key + "=" + value);
        }
    }

    private static void run(String[] springArgs) {
        ConfigurableApplicationContext context;
        try {
            context = start(springArgs);
        } catch (RuntimeException e) {
            // Boot has already reported the cause; exit explicitly because half-started server
            // threads could otherwise keep the JVM alive.
            System.exit(EXIT_STARTUP_FAILED);
            return;
        }
        awaitClose(context);
    }

    /** Starts every service bean; returns once the ready banner is printed. */
    static ConfigurableApplicationContext start(String... springArgs) {
        // Its own config name, so the services' contexts (which read "application") never see it.
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .properties("spring.config.name=standalone")
                .web(WebApplicationType.NONE) // the services serve HTTP, each in its own context
                .run(springArgs);
    }

    /**
     * Parks the main thread until the context closes. Ctrl+C and SIGTERM run Boot's shutdown hook,
     * which closes the context and thereby stops the beans in reverse dependency order.
     */
    private static void awaitClose(ConfigurableApplicationContext context) {
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (!context.isActive()) {
            return;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
