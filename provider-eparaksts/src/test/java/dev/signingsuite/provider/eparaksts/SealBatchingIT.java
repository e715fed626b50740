package dev.signingsuite.provider.eparaksts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.Topics;
import dev.signingsuite.provider.eparaksts.authorisation.SealAuthorisation;
import dev.signingsuite.sandbox.eparaksts.EparakstsSimulator;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.TopicRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Batching, authorisation and seal choice on the embedded broker against the simulator; no
 * automatic login here: the test logs in as the person's browser would, through the provider's
 * own login and callback endpoints.
 */
@EmbeddedKafka(partitions = 3)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + EparakstsProviderApplication.CONFIG_NAME,
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "signing.eparaksts.auto-login=false",
            "signing.eparaksts.wait-for-authorisation=1s",
            "signing.eparaksts.batch.max-size=50",
            "logging.level.kafka=WARN",
            "logging.level.org.apache.kafka=WARN"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SealBatchingIT {

    private static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LOGISTICS = "CN:Sandbox Logistics SIA : eZīmogs";

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private SealAuthorisation authorisation;

    @LocalServerPort
    private int port;

    private TopicRecorder recorder;

    @DynamicPropertySource
    static void eparaksts(DynamicPropertyRegistry registry) {
        registry.add(
                "signing.eparaksts.base-url",
                () -> TestSandbox.get().eparakstsBaseUrl().toString());
    }

    @BeforeEach
    void open() {
        recorder = TopicRecorder.open(
                broker.getBrokersAsString(),
                List.of(
                        TOPICS.signatureReturned().name(),
                        TOPICS.documentFailed().name()));
        simulator().resetCounters();
        simulator().corruptEveryNthSignature(0);
    }

    @AfterEach
    void close() {
        recorder.close();
        simulator().corruptEveryNthSignature(0);
    }

    @Test
    @Order(1)
    void documentsWaitForTheFirstLoginAndAreSealedInBatchesAfterIt() throws Exception {
        assertThat(authorisation.status().state()).isEqualTo(SealAuthorisation.State.REAUTHORISATION_NEEDED);
        assertThat(status()).contains("REAUTHORISATION_NEEDED");
        List<HashComputed> documents = send(120, "qsealc");

        Thread.sleep(3000); // a negative claim: nothing may come out while no one has authorised
        assertThat(recorder.seen(TOPICS.signatureReturned().name())).isEmpty();
        assertThat(recorder.seen(TOPICS.documentFailed().name())).isEmpty();
        assertThat(simulator().signatures()).isZero();

        loginAsTheBrowserWould();
        assertThat(status()).contains("AUTHORISED").contains(LOGISTICS);
        Map<String, SignatureReturned> returned = awaitReturned(documents);
        assertThat(returned).hasSize(120);
        assertThat(recorder.seen(TOPICS.documentFailed().name())).isEmpty();
        byte[] invoicing = TestSandbox.get()
                .pki()
                .entity(SandboxEntities.SEAL)
                .certificate()
                .getEncoded();
        assertThat(returned.values())
                .allSatisfy(r -> assertThat(r.parameters().signingCertificate()).isEqualTo(invoicing));
        List<Integer> sizes = simulator().batchSizes();
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(120);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(50));
        assertThat(sizes.size()).as("batch calls for 120 documents: %s", sizes).isLessThan(30);
    }

    @Test
    @Order(2)
    void whenTheAuthorisationEndsMidRunDocumentsWaitAndNoneFailsOrIsLost() throws Exception {
        ensureLoggedIn();
        List<HashComputed> first = send(40, "qsealc");
        awaitReturned(first);
        assertThat(simulator().expireUserTokens()).isPositive();

        List<HashComputed> second = send(60, "qsealc");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> authorisation.status().state() == SealAuthorisation.State.REAUTHORISATION_NEEDED);
        assertThat(status()).contains("REAUTHORISATION_NEEDED");
        Thread.sleep(2000);
        assertThat(returnedIds()).doesNotContainAnyElementsOf(ids(second));
        assertThat(recorder.seen(TOPICS.documentFailed().name())).isEmpty();

        loginAsTheBrowserWould();
        assertThat(awaitReturned(second)).hasSize(60);
        assertThat(recorder.seen(TOPICS.documentFailed().name())).isEmpty();
        assertThat(returnedIds()).hasSize(100); // every document exactly once
    }

    @Test
    @Order(3)
    void sealsAreChosenByLabelAndAPartialBatchFailureFailsOnlyTheDocumentsConcerned() throws Exception {
        ensureLoggedIn();
        List<HashComputed> logistics = send(10, LOGISTICS);
        assertThat(awaitReturned(logistics).values())
                .allSatisfy(r -> assertThat(r.parameters().signingCertificate())
                        .isEqualTo(TestSandbox.get()
                                .pki()
                                .entity(SandboxEntities.SEAL_LOGISTICS)
                                .certificate()
                                .getEncoded()));

        List<HashComputed> unknown = send(2, "CN:Some Other Company SIA : eZīmogs");
        for (HashComputed document : unknown) {
            DocumentFailed failed = failedOf(document);
            assertThat(failed.reason()).isEqualTo(FailureReason.ACCOUNT_NOT_FOUND);
        }

        simulator().corruptEveryNthSignature(4);
        List<HashComputed> mixed = send(40, "qsealc");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outcomesOf(mixed) == mixed.size());
        List<DocumentFailed> failures = recorder.seen(TOPICS.documentFailed().name()).stream()
                .map(r -> EventJson.read(r.value(), DocumentFailed.class))
                .filter(f -> ids(mixed).contains(f.documentId()))
                .toList();
        assertThat(failures)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.reason()).isEqualTo(FailureReason.SIGNATURE_INVALID));
        long signed = returnedIds().stream().filter(ids(mixed)::contains).count();
        assertThat(signed + failures.size()).isEqualTo(40);
        assertThat(signed).isGreaterThan(failures.size());
    }

    // --- helpers

    private static EparakstsSimulator simulator() {
        return TestSandbox.get().eparaksts();
    }

    private void ensureLoggedIn() throws Exception {
        if (authorisation.status().state() != SealAuthorisation.State.AUTHORISED) {
            loginAsTheBrowserWould();
        }
    }

    /** /eparaksts/login → the platform's authorize (approved by the simulator) → /eparaksts/callback. */
    private void loginAsTheBrowserWould() throws Exception {
        HttpResponse<String> login = get(URI.create("http://127.0.0.1:" + port + "/eparaksts/login"));
        assertThat(login.statusCode()).isEqualTo(302);
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> approved = get(authorize);
        assertThat(approved.statusCode()).isEqualTo(302);
        URI redirect = URI.create(approved.headers().firstValue("Location").orElseThrow());
        assertThat(redirect.getPath()).isEqualTo("/eparaksts/callback");
        HttpResponse<String> callback =
                get(URI.create("http://127.0.0.1:" + port + "/eparaksts/callback?" + redirect.getRawQuery()));
        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.body()).contains("\"AUTHORISED\"").doesNotContain("access_token");
    }

    private String status() throws Exception {
        return get(URI.create("http://127.0.0.1:" + port + "/eparaksts/authorisation"))
                .body();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<HashComputed> send(int count, String identity) throws Exception {
        List<HashComputed> documents = new ArrayList<>();
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            for (int i = 0; i < count; i++) {
                HashComputed document =
                        TestDocuments.hashComputed(UUID.randomUUID().toString(), identity);
                documents.add(document);
                producer.send(new ProducerRecord<>(
                        TOPICS.hashComputed(Provider.EPARAKSTS).name(), document.documentId(), document));
            }
            producer.flush();
        }
        return documents;
    }

    private Map<String, SignatureReturned> awaitReturned(List<HashComputed> documents) {
        Set<String> wanted = ids(documents);
        Map<String, SignatureReturned> returned = new HashMap<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (ConsumerRecord<String, byte[]> record :
                            recorder.seen(TOPICS.signatureReturned().name())) {
                        if (wanted.contains(record.key())) {
                            returned.putIfAbsent(record.key(), EventJson.read(record.value(), SignatureReturned.class));
                        }
                    }
                    return returned.size() == wanted.size();
                });
        return returned;
    }

    private DocumentFailed failedOf(HashComputed document) {
        ConsumerRecord<String, byte[]> record = recorder.await(
                TOPICS.documentFailed().name(), r -> document.documentId().equals(r.key()), Duration.ofSeconds(30));
        return EventJson.read(record.value(), DocumentFailed.class);
    }

    private long outcomesOf(List<HashComputed> documents) {
        Set<String> wanted = ids(documents);
        long returned = returnedIds().stream().filter(wanted::contains).count();
        long failed = recorder.seen(TOPICS.documentFailed().name()).stream()
                .filter(r -> wanted.contains(r.key()))
                .count();
        return returned + failed;
    }

    private List<String> returnedIds() {
        return recorder.seen(TOPICS.signatureReturned().name()).stream()
                .map(ConsumerRecord::key)
                .toList();
    }

    private static Set<String> ids(List<HashComputed> documents) {
        return documents.stream().map(HashComputed::documentId).collect(Collectors.toSet());
    }
}
