package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.Topics;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.standalone.seal.Sealer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A container-service instance dies mid-batch (SIGKILL: no shutdown, no offset commit) on a
 * three-node cluster with replication factor 3: its partitions move to the other instance, which
 * assembles what the dead one had not committed. Every document still ends as a valid container,
 * and exactly once: what the dead instance published but never committed was in an aborted
 * transaction, which no read_committed consumer sees (ADR 11).
 *
 * <p>Only container-service runs as two processes; the other stages run in this JVM, which has
 * their classes loaded already and starts them for less than a process each would cost.
 */
class ContainerServiceKillIT {

    private static final Logger log = LoggerFactory.getLogger(ContainerServiceKillIT.class);
    private static final int DOCUMENTS = 120;
    private static final String CONTAINER_SERVICE = "container-service";

    @TempDir
    Path work;

    @Test
    void everyDocumentIsAssembledAfterOneContainerServiceProcessIsKilledMidBatch() throws Exception {
        Path in = Files.createDirectories(work.resolve("in"));
        for (int i = 1; i <= DOCUMENTS; i++) {
            Files.writeString(in.resolve(String.format("invoice-%03d.xml", i)), "<invoice id=\"" + i + "\"/>");
        }
        Path out = work.resolve("out");
        try (ConfigurableApplicationContext settings = ProcessCommands.settings(
                        "--standalone.data-dir=" + work.resolve("data"),
                        "--standalone.sandbox.port=0",
                        "--standalone.kafka.port=0",
                        "--standalone.services.gateway-port=0",
                        "--standalone.services.base-port=0",
                        "--standalone.services.log-level=WARN",
                        // The stages in this JVM keep blobs in <data-dir>/blobs: so must the processes.
                        "--standalone.processes.s3=false",
                        // A killed member's partitions move after its session times out (45 s by default).
                        "--standalone.services.properties[spring.cloud.stream.kafka.binder.consumer-properties"
                                + ".session.timeout.ms]=6000",
                        "--standalone.services.properties[spring.cloud.stream.kafka.binder.consumer-properties"
                                + ".heartbeat.interval.ms]=1000");
                ProcessSuite suite =
                        ProcessSuite.start(settings.getBean(StandaloneProperties.class), Map.of(CONTAINER_SERVICE, 2));
                SuiteServices inProcess = SuiteServices.start(
                        suite.bootstrapServers(),
                        suite.sandbox(),
                        suite.database(),
                        settings.getBean(StandaloneProperties.class),
                        name -> List.of("augmentation-service", "provider-csc", "hash-service", "gateway")
                                .contains(name))) {
            StandaloneProperties properties = settings.getBean(StandaloneProperties.class);
            Sealer sealer = new Sealer(
                    new KafkaSealClients(
                            suite.bootstrapServers(), properties.kafka().partitions(), BrokerConfig.MAX_MESSAGE_BYTES),
                    suite.blobStore(),
                    Topics.defaults(),
                    50L * 1024 * 1024,
                    new PrintStream(new ByteArrayOutputStream(), true, UTF_8));
            CompletableFuture<SealReport> sealing = CompletableFuture.supplyAsync(() -> {
                try {
                    return sealer.seal(
                            in,
                            out,
                            SignatureLevel.LT,
                            Provider.CSC,
                            suite.sandbox().trustAnchorPem(),
                            Duration.ofMinutes(3));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            ChildProcess victim = suite.services().get(0);
            long handledBeforeKill = awaitFirstDocuments(victim, sealing);
            victim.kill();
            assertThat(victim.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            SealReport report = sealing.get(4, TimeUnit.MINUTES);

            assertThat(handledBeforeKill).as("killed mid-batch").isBetween(1L, (long) DOCUMENTS - 1);
            assertThat(report.outcomes())
                    .filteredOn(outcome -> !outcome.succeeded())
                    .extracting(SealOutcome::failure)
                    .isEmpty();
            assertThat(report.outcomes()).hasSize(DOCUMENTS);
            new ContainerChecks(suite.sandbox().trustAnchorPem()).assertEveryContainerValid(in, out, SignatureLevel.LT);

            Map<String, Integer> assembled = TopicTally.perKey(
                    suite.bootstrapServers(),
                    Topics.defaults().containerAssembled().name());
            int records =
                    assembled.values().stream().mapToInt(Integer::intValue).sum();
            int duplicates = records - assembled.size();
            log.info(
                    "{} documents, container-service#1 killed after {}, {} ContainerAssembled records: {} duplicate"
                            + " outcomes",
                    DOCUMENTS,
                    handledBeforeKill,
                    records,
                    duplicates);
            System.out.printf("ContainerServiceKillIT: %d duplicate outcomes after the kill%n", duplicates);
            assertThat(assembled).as("one tally per document").hasSize(DOCUMENTS);
            assertThat(assembled.values()).allSatisfy(count -> assertThat(count).isPositive());
            assertThat(duplicates).as("duplicate outcomes").isZero();
            inProcess.running(); // the in-process stages stayed up throughout
        }
    }

    /** Polls the victim's own counter until it has assembled something, while the batch runs. */
    private static long awaitFirstDocuments(ChildProcess victim, CompletableFuture<SealReport> sealing)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && !sealing.isDone()) {
            long handled = ProcessReport.documents(victim.prometheus());
            if (handled >= 3) {
                return handled;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(victim.label() + " assembled nothing before the batch ended");
    }
}
