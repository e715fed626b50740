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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approval groups, authorisation and seal choice on the embedded broker against the simulator; no
 * automatic login or approval here: the test logs in and approves each waiting group as the
 * person's browser would, through the provider's own login, approval and callback endpoints.
 */
@EmbeddedKafka(partitions = 3)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + EparakstsProviderApplication.CONFIG_NAME,
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "signing.eparaksts.auto-login=false",
            "signing.eparaksts.wait-for-authorisation=1s",
            "signing.eparaksts.batch.max-size=250",
            "signing.eparaksts.approval.max-size=100",
            "signing.eparaksts.approval.window=500ms",
            "logging.level.kafka=WARN",
            "logging.level.org.apache.kafka=WARN"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SealBatchingIT {

    private static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
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
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> approvals().contains("\"WAITING\""));
        Thread.sleep(1500); // a negative claim: a logged-in person still approves each group
        assertThat(simulator().signatures()).isZero();
        assertThat(recorder.seen(TOPICS.signatureReturned().name())).isEmpty();

        Map<String, SignatureReturned> returned = awaitReturnedApproving(documents);
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
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(100));
        assertThat(sizes.size()).as("batch calls for 120 documents: %s", sizes).isLessThan(30);
        assertThat(simulator().approvals()).as("one approval per group").hasSize(sizes.size());
    }

    @Test
    @Order(2)
    void aGroupWhoseTokenExpiresBeforeUseIsApprovedAgainAndNoDocumentFailsOrIsLost() throws Exception {
        ensureLoggedIn();
        List<HashComputed> documents = new ArrayList<>();
        boolean expiredBeforeUse = false;
        for (int attempt = 0; attempt < 3 && !expiredBeforeUse; attempt++) {
            List<HashComputed> sent = send(20, "qsealc");
            documents.addAll(sent);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> approvals().contains("\"WAITING\""));
            int before = simulator().batchSizes().size();
            approveWaitingGroups();
            assertThat(simulator().expireUserTokens()).isPositive();
            // Refused later only if the provider had not used the token yet (the poll comes back after 1 s).
            expiredBeforeUse = approvals().contains("\"APPROVED\"")
                    && simulator().batchSizes().size() == before;
            awaitReturnedApproving(sent);
        }
        assertThat(expiredBeforeUse)
                .as("a token expired before its group was signed")
                .isTrue();
        assertThat(simulator().approvals().size())
                .as("the group whose token expired was approved again")
                .isGreaterThan(simulator().batchSizes().size());
        assertThat(recorder.seen(TOPICS.documentFailed().name())).isEmpty();
        assertThat(returnedIds()).hasSameSizeAs(documents); // every document exactly once
    }

    @Test
    @Order(4)
    void hundredsOfDocumentsOfOneSealGetExactlyOneApprovalPerGroup() throws Exception {
        ensureLoggedIn();
        List<HashComputed> documents = send(250, "qsealc");
        assertThat(awaitReturnedApproving(documents)).hasSize(250);
        assertThat(recorder.seen(TOPICS.documentFailed().name())).isEmpty();
        List<Integer> sizes = simulator().batchSizes();
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(250);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(100));
        assertThat(simulator().approvals())
                .as("one approval per group, one raw/batch per approval")
                .hasSize(sizes.size());
        assertThat(simulator().approvals())
                .extracting(EparakstsSimulator.SigningApproval::digestsSummary)
                .doesNotHaveDuplicates();
        assertThat(simulator().calls("server/raw")).isZero();
    }

    @Test
    @Order(5)
    void twoSealsOfATenantGetSeparateGroupsAndTokens() throws Exception {
        ensureLoggedIn();
        List<HashComputed> documents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            documents.addAll(send(3, "qsealc"));
            documents.addAll(send(3, LOGISTICS));
        }
        Map<String, SignatureReturned> returned = awaitReturnedApproving(documents);
        assertThat(returned).hasSize(30);
        assertThat(recorder.seen(TOPICS.documentFailed().name())).isEmpty();
        List<String> approvedSeals = simulator().approvals().stream()
                .map(EparakstsSimulator.SigningApproval::signIdentityId)
                .toList();
        assertThat(approvedSeals)
                .containsOnly(sealId(0), sealId(1))
                .contains(sealId(0), sealId(1))
                .hasSize(simulator().batchSizes().size());
        byte[] logistics = TestSandbox.get()
                .pki()
                .entity(SandboxEntities.SEAL_LOGISTICS)
                .certificate()
                .getEncoded();
        long sealedByLogistics = returned.values().stream()
                .filter(r -> java.util.Arrays.equals(r.parameters().signingCertificate(), logistics))
                .count();
        assertThat(sealedByLogistics).isEqualTo(15);
    }

    @Test
    @Order(3)
    void sealsAreChosenByLabelAndAPartialBatchFailureFailsOnlyTheDocumentsConcerned() throws Exception {
        ensureLoggedIn();
        List<HashComputed> logistics = send(10, LOGISTICS);
        assertThat(awaitReturnedApproving(logistics).values())
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
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            approveWaitingGroups();
            return outcomesOf(mixed) == mixed.size();
        });
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

    private String approvals() throws Exception {
        return get(URI.create("http://127.0.0.1:" + port + "/eparaksts/approvals"))
                .body();
    }

    /** The operator starts each waiting group; the person confirms it; the platform comes back to the callback. */
    private void approveWaitingGroups() throws Exception {
        for (JsonNode group : JSON.readTree(approvals()).values()) {
            if (!"WAITING".equals(group.get("state").stringValue())) {
                continue;
            }
            HttpResponse<String> start = get(URI.create("http://127.0.0.1:" + port + "/eparaksts/approvals/"
                    + group.get("id").stringValue() + "/start"));
            assertThat(start.statusCode()).isEqualTo(302);
            URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
            assertThat(authorize.getRawQuery()).contains("sign_identity_id=", "digests_summary=");
            URI redirect =
                    URI.create(get(authorize).headers().firstValue("Location").orElseThrow());
            HttpResponse<String> callback =
                    get(URI.create("http://127.0.0.1:" + port + "/eparaksts/callback?" + redirect.getRawQuery()));
            assertThat(callback.statusCode()).isEqualTo(200);
        }
    }

    private Map<String, SignatureReturned> awaitReturnedApproving(List<HashComputed> documents) {
        Set<String> wanted = ids(documents);
        Map<String, SignatureReturned> returned = new HashMap<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    approveWaitingGroups();
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

    private static String sealId(int index) {
        return simulator().settings().seals().get(index).id();
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
