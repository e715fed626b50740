package dev.signingsuite.standalone;

import dev.signingsuite.standalone.Invocation.ChaosOptions;
import dev.signingsuite.standalone.chaos.ChaosReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code chaos}: a {@link ChaosRun} on the multi-process layout in a fresh data directory, its
 * figures written as JSON. Exit 0 only when the report passes.
 */
final class ChaosCommand {

    /**
     * A run waits as long as documents keep being answered; this long without one (plus the outage)
     * ends it, with what is still missing counted. Longer than any wait a healthy suite has: a
     * parked document is retried at least once a minute, and a restart takes under two.
     */
    static final Duration STALL = Duration.ofMinutes(10);

    static final int EXIT_FAILED = 1;

    private ChaosCommand() {}

    static int run(Invocation invocation) {
        ChaosOptions options = invocation.chaos();
        List<String> springArgs = new ArrayList<>(invocation.springArgs());
        Path temporary = null;
        try {
            if (springArgs.stream().noneMatch(arg -> arg.startsWith("--standalone.data-dir="))) {
                temporary = Files.createTempDirectory("signing-chaos-");
                springArgs.add("--standalone.data-dir=" + temporary);
            }
            springArgs.addAll(0, springArgs(options));
            try (ConfigurableApplicationContext settings =
                    ProcessCommands.settings(springArgs.toArray(String[]::new))) {
                ChaosReport report = ChaosRun.run(
                        settings.getBean(StandaloneProperties.class),
                        options,
                        ChaosRun.Plan.of(settings.getBean(StandaloneProperties.class), options, STALL),
                        System.out);
                Files.writeString(options.json(), report.json());
                report.print(System.out);
                System.out.println("Figures written to " + options.json().toAbsolutePath());
                return report.passed() ? 0 : EXIT_FAILED;
            }
        } catch (Exception e) {
            System.err.println("chaos: " + StandaloneApplication.innermostMessage(e));
            return StandaloneApplication.EXIT_STARTUP_FAILED;
        } finally {
            if (temporary != null) {
                TemporaryDirectory.delete(temporary);
            }
        }
    }

    /**
     * Defaults a later argument overrides (Spring takes the last): free ports, quiet logs, a killed
     * member's partitions moved within seconds rather than the 45 s session timeout, and the
     * gateway's document limit low enough that an oversized record is cheap to send.
     */
    static List<String> springArgs(ChaosOptions options) {
        String consumer = "--standalone.services.properties[spring.cloud.stream.kafka.binder.consumer-properties.";
        return List.of(
                "--standalone.kafka.port=0",
                "--standalone.sandbox.port=0",
                "--standalone.services.gateway-port=0",
                "--standalone.services.base-port=0",
                "--standalone.services.log-level=WARN",
                "--standalone.ready-banner=false",
                "--logging.level.root=WARN",
                "--spring.main.log-startup-info=false",
                consumer + "session.timeout.ms]=6000",
                consumer + "heartbeat.interval.ms]=1000",
                "--standalone.services.properties[signing.gateway.max-document-size]=" + ChaosRun.MAX_DOCUMENT_BYTES
                        + "B");
    }
}
