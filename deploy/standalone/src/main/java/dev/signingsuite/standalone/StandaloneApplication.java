package dev.signingsuite.standalone;

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

    public static void main(String[] args) {
        Invocation invocation = Invocation.parse(args);
        switch (invocation.command()) {
            case HELP -> System.out.print(Usage.TEXT);
            case UNKNOWN -> {
                System.err.println("Unknown command or argument: " + invocation.word());
                System.err.println();
                System.err.print(Usage.TEXT);
                System.exit(EXIT_USAGE);
            }
            case RUN -> run(invocation.springArgsArray());
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
