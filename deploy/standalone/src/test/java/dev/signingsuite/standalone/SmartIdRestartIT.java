package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.Topics;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.smartid.SmartIdSettings;
import dev.signingsuite.sandbox.smartid.SmartIdSimulator;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart of provider-smartid with 100 sessions open loses none and starts none twice: the
 * whole suite in this JVM, 100 documents to the Smart-ID simulator with a delay that keeps every
 * person from answering; once all 100 sessions are open provider-smartid's context is closed (broker,
 * sandbox and the other services keep running), half the people answer while it is down, it starts
 * again, and polling resumes from the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartIdRestartIT {

    private static final Logger log = LoggerFactory.getLogger(SmartIdRestartIT.class);
    private static final int DOCUMENTS = 100;
    private static final String PROVIDER = "provider-smartid";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void aHundredOpenSessionsSurviveARestartOfProviderSmartIdAndEachIsAnsweredOnce() throws Exception {
        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"),
                "--standalone.services.log-level=WARN",
                "--standalone.ready-banner=false",
                "--standalone.seal-timeout=4m"));
        Sandbox sandbox = suite.getBean(Sandbox.class);
        SmartIdSimulator simulator = sandbox.smartId();
        SmartIdSettings usual = simulator.settings();
        // Nobody answers on their own during the test: the test says when.
        simulator.configure(usual.withDelays(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        SuiteServices services = suite.getBean(SuiteServices.class);
        int sessionsBefore = simulator.sessionsCreated();

        Path in = Files.createDirectories(work.resolve("in"));
        for (int i = 1; i <= DOCUMENTS; i++) {
            Files.writeString(
                    in.resolve("invoice-%03d.xml".formatted(i)), "<Invoice><ID>%d</ID></Invoice>".formatted(i));
        }
        Path out = work.resolve("out");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (PrintStream printer = new PrintStream(console, true, UTF_8)) {
            Future<SealReport> sealing = background.submit(() ->
                    SealCommand.run(suite, new SealOptions(in, out, SignatureLevel.LT, Provider.SMARTID), printer));

            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> simulator.signatureSessionsOpen() == DOCUMENTS);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sessionsOpen(services) == DOCUMENTS);

            services.stop(PROVIDER);
            // While provider-smartid is down, half the people confirm: their answers wait at Smart-ID.
            assertThat(simulator.answerWaitingNow(DOCUMENTS / 2)).isEqualTo(DOCUMENTS / 2);
            services.start(PROVIDER);

            // Polling resumed from the log: the answered half ends, the other half stays open.
            Awaitility.await()
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> signedByPoller(services) == DOCUMENTS / 2 && sessionsOpen(services) == DOCUMENTS / 2);
            assertThat(simulator.signatureSessionsOpen()).isEqualTo(DOCUMENTS / 2);
            // What Prometheus scrapes from the restarted instance says the same.
            assertThat(prometheus(services))
                    .containsPattern("(?m)^signing_provider_sessions_open\\{[^}]*\\} " + (DOCUMENTS / 2) + "\\.0$");

            assertThat(simulator.answerWaitingNow(DOCUMENTS)).isEqualTo(DOCUMENTS / 2);
            SealReport report = sealing.get(4, TimeUnit.MINUTES);
            report.print(printer);
            log.info("{}", console.toString(UTF_8));

            assertThat(report.outcomes()).hasSize(DOCUMENTS);
            assertThat(report.outcomes())
                    .filteredOn(outcome -> !outcome.succeeded())
                    .extracting(SealOutcome::failure)
                    .isEmpty();
        } finally {
            background.shutdownNow();
            simulator.configure(usual);
        }
        assertThat(sessionsOpen(services)).isZero();
        // No session was started twice: neither before the restart nor by redelivered records after it.
        assertThat(simulator.sessionsCreated() - sessionsBefore).isEqualTo(DOCUMENTS);

        // Every document has exactly one session announcement, one signature and one container.
        KafkaBroker broker = suite.getBean(KafkaBroker.class);
        Topics topics = Topics.defaults();
        for (String topic : List.of(
                topics.signatureRequested().name(),
                topics.signatureReturned(Lane.INTERACTIVE).name(),
                topics.signatureAugmented(Lane.INTERACTIVE).name(),
                topics.containerAssembled().name())) {
            Map<String, Integer> perDocument = TopicTally.perKey(broker.bootstrapServers(), topic);
            assertThat(perDocument).as(topic).hasSize(DOCUMENTS);
            assertThat(perDocument.values()).as(topic).containsOnly(1);
        }
        assertThat(TopicTally.perKey(
                        broker.bootstrapServers(), topics.documentFailed().name()))
                .isEmpty();

        ContainerChecks checks = new ContainerChecks(sandbox.trustAnchorPem());
        checks.assertEveryContainerValid(in, out, SignatureLevel.LT);
    }

    private static String prometheus(SuiteServices services) throws Exception {
        int port = services.running().stream()
                .filter(r -> r.name().equals(PROVIDER))
                .findFirst()
                .orElseThrow()
                .port();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double sessionsOpen(SuiteServices services) {
        return meters(services).get("signing.provider.sessions.open").gauge().value();
    }

    private static double signedByPoller(SuiteServices services) {
        var counter = meters(services)
                .find("signing.documents")
                .tags("stage", "provider-poller", "outcome", "signed")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static MeterRegistry meters(SuiteServices services) {
        return services.context(PROVIDER).getBean(MeterRegistry.class);
    }
}
