package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.standalone.Invocation.ChaosOptions;
import dev.signingsuite.standalone.chaos.ChaosReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The chaos command, small: documents through the Kafka intake of the multi-process layout while
 * service processes are SIGKILLed (container-service mid-batch, whose partitions move to its other
 * instance, as ContainerServiceKillIT did), a Kafka node is killed, the sandbox fails a share of
 * requests, TSA and OCSP go down for a moment, and malformed records come in between. Every document
 * ends with one outcome, every container validates on its own, nothing is signed twice, every
 * malformed record is answered.
 *
 * <p>One process per stage except container-service (two): the machine has two cores.
 */
class ChaosIT {

    private static final int DOCUMENTS = 100;
    private static final int MALFORMED = 14; // each kind twice

    @TempDir
    Path work;

    @Test
    void everyDocumentIsAnsweredOnceThroughKillsFaultsAndMalformedRecords() throws Exception {
        ChaosOptions options = new ChaosOptions(
                DOCUMENTS,
                Provider.CSC,
                SignatureLevel.LT,
                Duration.ofSeconds(30),
                1,
                0.02,
                Duration.ofSeconds(3),
                MALFORMED,
                work.resolve("chaos.json"));
        List<String> args = new ArrayList<>(ChaosCommand.springArgs(options));
        args.add("--standalone.data-dir=" + work.resolve("data"));
        args.add("--standalone.processes.s3=false"); // blobs in the data directory: one JVM less
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // Shown as it happens too: a run that stalls says where.
        java.io.OutputStream both = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                printed.write(b);
                System.out.write(b);
            }
        };
        ChaosReport report;
        try (ConfigurableApplicationContext settings = ProcessCommands.settings(args.toArray(String[]::new))) {
            Map<String, Integer> layout = new LinkedHashMap<>(ProcessSuite.layout(List.of("csc"), 1));
            layout.put("container-service", 2);
            ChaosRun.Plan plan = new ChaosRun.Plan(
                    layout,
                    Duration.ofMinutes(3),
                    Duration.ofSeconds(35),
                    inTurn("container-service", "hash-service", "provider-csc", "augmentation-service", "gateway"));
            report = ChaosRun.run(
                    settings.getBean(StandaloneProperties.class), options, plan, new PrintStream(both, true, UTF_8));
        }
        Files.writeString(options.json(), report.json());
        String log = printed.toString(UTF_8);
        System.out.println("ChaosIT: " + report.json());

        assertThat(report.kills()).as(log).containsKey("container-service");
        assertThat(report.brokerKills()).as(log).isEqualTo(1);
        assertThat(report.submitted()).isEqualTo(DOCUMENTS);
        assertThat(report.missing()).as("documents without an outcome").isZero();
        assertThat(report.assembled()
                        + report.failed().values().stream()
                                .mapToInt(Integer::intValue)
                                .sum())
                .isEqualTo(DOCUMENTS);
        assertThat(report.containersInvalid()).isZero();
        assertThat(report.duplicateOutcomes()).as("second outcomes").isZero();
        assertThat(report.remoteSignatures()).isGreaterThanOrEqualTo(report.assembled());
        assertThat(report.doubleSignatures()).isZero();
        assertThat(report.malformedSent()).isEqualTo(MALFORMED);
        assertThat(report.unanswered())
                .as("malformed records without an answer, by kind")
                .isEmpty();
        assertThat(report.passed()).isTrue();
    }

    /** Victims by name in this order, round and round: every run kills the same services. */
    private static Function<List<ChildProcess>, ChildProcess> inTurn(String... names) {
        AtomicInteger next = new AtomicInteger();
        return candidates -> {
            for (int tries = 0; tries < names.length; tries++) {
                String name = names[next.getAndIncrement() % names.length];
                for (ChildProcess candidate : candidates) {
                    if (candidate.name().equals(name)) {
                        return candidate;
                    }
                }
            }
            return candidates.get(0);
        };
    }
}
