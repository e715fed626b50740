package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.smartid.SmartIdAccounts;
import dev.signingsuite.sandbox.smartid.SmartIdSettings;
import dev.signingsuite.sandbox.smartid.SmartIdSimulator;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * 600 Smart-ID sessions waiting for their people do not hold up a CSC batch beside them, and
 * provider-smartid waits for all of them with a handful of threads (a thread per session would be
 * 600 threads; the JVM has about 400 in all). 600 rather than 1,000: opening each session costs
 * the intake, hash-service and provider a Kafka transaction, about 0.1 s a document here, and the
 * claim is the same. The whole suite in this JVM;
 * the simulator's people answer only when the test releases them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartIdBesideCscIT {

    private static final Logger log = LoggerFactory.getLogger(SmartIdBesideCscIT.class);
    private static final int SESSIONS = 600;
    private static final int CSC_DOCUMENTS = 100;
    /** Every tenth Smart-ID person confirms once released; the others let their session time out. */
    private static final int CONFIRMING_EVERY = 10;
    /** provider-smartid's poller workers and timer, and its HTTP client's pool (see SmartIdConfiguration). */
    private static final int PROVIDER_SMARTID_WAITING_THREADS = 2 + 1 + 2;

    @TempDir
    static Path work;

    private ConfigurableApplicationContext suite;

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aCscBatchCompletesWhileHundredsOfSmartIdSessionsWaitOnAFewThreads() throws Exception {
        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"),
                "--standalone.services.log-level=WARN",
                "--standalone.ready-banner=false",
                "--standalone.seal-timeout=3m"));
        Sandbox sandbox = suite.getBean(Sandbox.class);
        SmartIdSimulator simulator = sandbox.smartId();
        SmartIdSettings usual = simulator.settings();
        simulator.configure(usual.withDelays(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        SuiteServices services = suite.getBean(SuiteServices.class);
        KafkaBroker broker = suite.getBean(KafkaBroker.class);
        Topics topics = Topics.defaults();
        KafkaSealClients clients = new KafkaSealClients(
                broker.bootstrapServers(),
                suite.getBean(StandaloneProperties.class).kafka().partitions(),
                BrokerConfig.MAX_MESSAGE_BYTES);
        int sessionsBefore = simulator.sessionsCreated();

        // The CSC batch alone: the baseline for the log, and the CSC path warm.
        SealReport alone = sealCsc("csc-alone", CSC_DOCUMENTS);
        assertThat(alone.allSealed()).isTrue();

        Map<String, String> accountOf = new HashMap<>();
        try (KafkaConsumer<String, Object> outcomes = clients.outcomeConsumer(List.of(
                        topics.containerAssembled().name(),
                        topics.documentFailed().name()));
                KafkaProducer<String, Object> intake = clients.intakeProducer()) {
            for (int i = 0; i < SESSIONS; i++) {
                String account = i % CONFIRMING_EVERY == 0 ? SmartIdAccounts.OK : SmartIdAccounts.TIMEOUT;
                String reference = "waiting-" + i;
                accountOf.put(IntakeAcceptor.documentIdFor("demo", reference), account);
                intake.send(new ProducerRecord<>(
                        topics.intake().name(),
                        reference,
                        new DocumentSubmitted(
                                DocumentSubmitted.SCHEMA_VERSION,
                                "demo",
                                reference,
                                "waiting",
                                "order-%04d.xml".formatted(i),
                                "application/xml",
                                "<Order><ID>%d</ID></Order>".formatted(i).getBytes(UTF_8),
                                new SignerRef(Provider.SMARTID, account),
                                SignatureFormat.ASIC_E_CADES,
                                SignatureLevel.LT)));
            }
            intake.flush();
            Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> simulator.signatureSessionsOpen() == SESSIONS && sessionsOpen(services) == SESSIONS);

            SealReport beside = sealCsc("csc-beside", CSC_DOCUMENTS);
            log.info(
                    "CSC batch of {}: {} ms alone, {} ms beside {} waiting Smart-ID sessions",
                    CSC_DOCUMENTS,
                    alone.elapsed().toMillis(),
                    beside.elapsed().toMillis(),
                    SESSIONS);
            assertThat(beside.outcomes())
                    .filteredOn(outcome -> !outcome.succeeded())
                    .extracting(SealOutcome::failure)
                    .isEmpty();
            assertThat(beside.allSealed()).isTrue();
            // Still waiting, all of them: the batch did not get through by ending the sessions.
            assertThat(simulator.signatureSessionsOpen()).isEqualTo(SESSIONS);
            assertThat(sessionsOpen(services)).isEqualTo(SESSIONS);
            assertValid(work.resolve("csc-beside-in"), work.resolve("csc-beside-out"), sandbox);

            List<String> waitingThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("smartid-poller") || name.startsWith("smartid-http"))
                    .sorted()
                    .toList();
            int allThreads = Thread.activeCount();
            log.info(
                    "{} sessions open; provider-smartid waits on {}; {} threads in this JVM",
                    SESSIONS,
                    waitingThreads,
                    allThreads);
            assertThat(waitingThreads).isNotEmpty().hasSizeLessThanOrEqualTo(PROVIDER_SMARTID_WAITING_THREADS);
            assertThat(allThreads).as("no thread per open session").isLessThan(SESSIONS);

            // The people answer: every tenth confirms, the others' sessions time out.
            assertThat(simulator.answerWaitingNow(SESSIONS)).isEqualTo(SESSIONS);
            Map<String, Object> ended = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (ended.size() < SESSIONS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : outcomes.poll(Duration.ofMillis(500))) {
                    if (accountOf.containsKey(record.key())) {
                        assertThat(ended.put(record.key(), record.value()))
                                .as("a second outcome for %s", record.key())
                                .isNull();
                    }
                }
            }
            assertThat(ended).as("documents with an outcome").hasSize(SESSIONS);
            ended.forEach((documentId, outcome) -> {
                if (accountOf.get(documentId).equals(SmartIdAccounts.OK)) {
                    assertThat(outcome).as(documentId).isInstanceOf(ContainerAssembled.class);
                    assertThat(((ContainerAssembled) outcome).validation().indication())
                            .isEqualTo("TOTAL_PASSED");
                } else {
                    assertThat(outcome).as(documentId).isInstanceOf(DocumentFailed.class);
                    assertThat(((DocumentFailed) outcome).reason()).isEqualTo(FailureReason.TIMEOUT);
                    assertThat(((DocumentFailed) outcome).stage()).isEqualTo(FailureStage.PROVIDER);
                }
            });
        } finally {
            simulator.configure(usual);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sessionsOpen(services) == 0);
        assertThat(simulator.signatureSessionsOpen()).isZero();
        assertThat(simulator.sessionsCreated() - sessionsBefore).isEqualTo(SESSIONS);
    }

    private SealReport sealCsc(String name, int documents) throws Exception {
        Path in = Files.createDirectories(work.resolve(name + "-in"));
        for (int i = 1; i <= documents; i++) {
            Files.writeString(
                    in.resolve("invoice-%03d.xml".formatted(i)),
                    "<Invoice><Batch>%s</Batch><ID>%d</ID></Invoice>".formatted(name, i));
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SealReport report;
        try (PrintStream printer = new PrintStream(console, true, UTF_8)) {
            report = SealCommand.run(
                    suite, new SealOptions(in, work.resolve(name + "-out"), SignatureLevel.LT, Provider.CSC), printer);
        }
        assertThat(report.outcomes()).hasSize(documents);
        return report;
    }

    private static void assertValid(Path in, Path out, Sandbox sandbox) throws Exception {
        ContainerChecks checks = new ContainerChecks(sandbox.trustAnchorPem());
        checks.assertEveryContainerValid(in, out, SignatureLevel.LT);
    }

    private static double sessionsOpen(SuiteServices services) {
        return services.context("provider-smartid")
                .getBean(MeterRegistry.class)
                .get("signing.provider.sessions.open")
                .gauge()
                .value();
    }
}
