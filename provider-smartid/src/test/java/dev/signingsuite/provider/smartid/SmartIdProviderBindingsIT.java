package dev.signingsuite.provider.smartid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.Topics;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.smartid.SmartIdAccounts;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.StageBindingContract;
import dev.signingsuite.testsupport.TopicRecorder;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole provider on the embedded broker against the sandbox's Smart-ID simulator: HashComputed
 * in, the session started, SignatureRequested written and consumed by the poller, SignatureReturned
 * out with a value that verifies over the data to sign DSS rebuilds from the event alone.
 */
@TestPropertySource(properties = "spring.config.name=" + SmartIdProviderApplication.CONFIG_NAME)
class SmartIdProviderBindingsIT extends StageBindingContract {

    private static Sandbox sandbox;

    /** The sandbox's time: the machine's, plus what a test skips ahead (the service's idempotency window). */
    private static final SkewedClock SANDBOX_CLOCK = new SkewedClock();

    static final class SkewedClock extends java.time.Clock {
        private volatile Duration skew = Duration.ZERO;

        void skip(Duration duration) {
            skew = skew.plus(duration);
        }

        @Override
        public java.time.Instant instant() {
            return TestClock.system().instant().plus(skew);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @DynamicPropertySource
    static void smartId(DynamicPropertyRegistry registry) {
        registry.add(
                "signing.smartid.base-url", () -> sandbox().smartIdBaseUrl().toString());
        registry.add(
                "signing.smartid.trust-anchors",
                () -> sandbox().trustAnchorPem().toString());
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            try {
                sandbox = Sandbox.start(
                        new SandboxSettings(Files.createTempDirectory("smartid-it-sandbox"), "127.0.0.1", 0),
                        SANDBOX_CLOCK);
                sandbox.smartId()
                        .configure(
                                sandbox.smartId().settings().withDelays(Duration.ofMillis(500), Duration.ofSeconds(1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sandbox;
    }

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private MeterRegistry meters;

    @Test
    void everyPersonsOutcomeEndsAsDocumentFailedWithItsReasonAndIsNeverRetried() {
        Map<String, FailureReason> expected = new LinkedHashMap<>();
        expected.put(SmartIdAccounts.USER_REFUSED, FailureReason.USER_REFUSED);
        expected.put(SmartIdAccounts.REFUSED_DISPLAY_TEXT, FailureReason.USER_REFUSED);
        expected.put(SmartIdAccounts.REFUSED_VC_CHOICE, FailureReason.USER_REFUSED);
        expected.put(SmartIdAccounts.WRONG_VC, FailureReason.WRONG_VC);
        expected.put(SmartIdAccounts.TIMEOUT, FailureReason.TIMEOUT);
        expected.put("PNOEE-30303039903-NONE-Q", FailureReason.ACCOUNT_NOT_FOUND);
        expected.put(SmartIdAccounts.OK_NQ, FailureReason.ACCOUNT_NOT_FOUND); // no QUALIFIED certificate
        int sessionsBefore = sandbox().smartId().sessionsCreated();
        Map<String, String> documents = new LinkedHashMap<>();
        try (TopicRecorder recorder = TopicRecorder.open(
                        broker.getBrokersAsString(),
                        List.of(
                                TOPICS.documentFailed().name(),
                                TOPICS.signatureRequested().name()));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            for (String account : expected.keySet()) {
                HashComputed document =
                        TestDocuments.hashComputed(UUID.randomUUID().toString(), account);
                documents.put(account, document.documentId());
                producer.send(new ProducerRecord<>(inputTopic(), document.documentId(), document));
            }
            producer.flush();
            for (Map.Entry<String, FailureReason> outcome : expected.entrySet()) {
                String documentId = documents.get(outcome.getKey());
                DocumentFailed failed = EventJson.read(
                        recorder.await(
                                        TOPICS.documentFailed().name(),
                                        r -> documentId.equals(r.key()),
                                        Duration.ofSeconds(30))
                                .value(),
                        DocumentFailed.class);
                assertThat(failed.reason()).as(outcome.getKey()).isEqualTo(outcome.getValue());
                assertThat(failed.stage()).isEqualTo(FailureStage.PROVIDER);
            }
            // The person's session was announced with its verification code before it ended.
            String refused = documents.get(SmartIdAccounts.USER_REFUSED);
            SignatureRequested requested = EventJson.read(
                    recorder.await(
                                    TOPICS.signatureRequested().name(),
                                    r -> refused.equals(r.key()),
                                    Duration.ofSeconds(5))
                            .value(),
                    SignatureRequested.class);
            assertThat(requested.session().verificationCode()).matches("[0-9]{4}");
            assertThat(requested.session().expiresAt()).isAfter(requested.requestedAt());
        }
        // One session per person: refusals, wrong code and timeout were not retried.
        assertThat(sandbox().smartId().sessionsCreated() - sessionsBefore).isEqualTo(5);
    }

    @LocalServerPort
    private int port;

    @Test
    void aDeviceLinkSignerChoosesOnThePhoneThenTheLinkedSignatureReturns() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.open(
                        broker.getBrokersAsString(),
                        List.of(
                                TOPICS.signatureRequested().name(),
                                TOPICS.signatureReturned(Lane.INTERACTIVE).name(),
                                TOPICS.documentFailed().name()));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            HashComputed document = TestDocuments.hashComputed(UUID.randomUUID().toString(), "device-link");
            // The internal endpoint has nothing before the choice starts.
            assertThat(links(document.documentId()).statusCode()).isEqualTo(404);
            producer.send(new ProducerRecord<>(inputTopic(), document.documentId(), document));
            producer.flush();

            SignatureRequested choice = EventJson.read(
                    recorder.await(
                                    TOPICS.signatureRequested().name(),
                                    r -> document.documentId().equals(r.key()),
                                    Duration.ofSeconds(30))
                            .value(),
                    SignatureRequested.class);
            assertThat(choice.awaitsCertificateChoice()).isTrue();
            assertThat(choice.certificateChoice().choiceSessionId())
                    .isEqualTo(choice.session().sessionId());
            assertThat(new String(
                            recorder.await(
                                            TOPICS.signatureRequested().name(),
                                            r -> document.documentId().equals(r.key()),
                                            Duration.ofSeconds(1))
                                    .value(),
                            java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain("sessionSecret")
                    .doesNotContain("sessionToken");

            // Each call gives a link with a fresh authCode; the phone scans the current one.
            HttpResponse<String> first = links(document.documentId());
            assertThat(first.statusCode()).isEqualTo(200);
            String qr = JSON.readTree(first.body()).get("qr").stringValue();
            assertThat(qr)
                    .startsWith(sandbox().baseUrl() + "/device-link?deviceLinkType=QR&elapsedSeconds=")
                    .contains("&sessionType=cert&version=1.0&lang=eng&authCode=");
            assertThat(scan(qr).body()).contains("ACCEPTED");

            SignatureReturned returned = EventJson.read(
                    recorder.await(
                                    TOPICS.signatureReturned(Lane.INTERACTIVE).name(),
                                    r -> document.documentId().equals(r.key()),
                                    Duration.ofSeconds(30))
                            .value(),
                    SignatureReturned.class);
            assertThat(returned.signer().identity()).isEqualTo(SmartIdAccounts.DEVICE_LINK);
            assertThat(returned.parameters().signingDate())
                    .isEqualTo(choice.certificateChoice().signingDate());
            assertSignedBy(SmartIdAccounts.DEVICE_LINK, returned);
            // The choice is closed: no more links.
            assertThat(links(document.documentId()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTamperedLinkEndsTheDocumentWithTheProtocolFailure() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.open(
                        broker.getBrokersAsString(),
                        List.of(
                                TOPICS.signatureRequested().name(),
                                TOPICS.documentFailed().name()));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            HashComputed document = TestDocuments.hashComputed(UUID.randomUUID().toString(), "device-link");
            producer.send(new ProducerRecord<>(inputTopic(), document.documentId(), document));
            producer.flush();
            recorder.await(
                    TOPICS.signatureRequested().name(),
                    r -> document.documentId().equals(r.key()),
                    Duration.ofSeconds(30));
            String qr =
                    JSON.readTree(links(document.documentId()).body()).get("qr").stringValue();
            String tampered = qr.replace("&lang=eng&", "&lang=est&");
            assertThat(scan(tampered).body()).contains("PROTOCOL_FAILURE");

            DocumentFailed failed = EventJson.read(
                    recorder.await(
                                    TOPICS.documentFailed().name(),
                                    r -> document.documentId().equals(r.key()),
                                    Duration.ofSeconds(30))
                            .value(),
                    DocumentFailed.class);
            assertThat(failed.stage()).isEqualTo(FailureStage.PROVIDER);
            assertThat(failed.message()).contains("PROTOCOL_FAILURE").contains("device link");
        }
    }

    private HttpResponse<String> links(String documentId) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/internal/smartid/device-links/" + documentId))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> scan(String link) throws Exception {
        String body = JSON.writeValueAsString(
                Map.of("documentNumber", SmartIdAccounts.DEVICE_LINK, "deviceLink", link, "flowType", "QR"));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(sandbox().smartIdMockPhoneUrl())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aSessionStartedLaterIsPolledAndEndsWhileAnEarlierOneStillWaits() {
        var simulator = sandbox().smartId();
        var usual = simulator.settings();
        HashComputed slow = TestDocuments.hashComputed(UUID.randomUUID().toString(), SmartIdAccounts.OK);
        HashComputed quick = TestDocuments.hashComputed(UUID.randomUUID().toString(), SmartIdAccounts.OK);
        try (TopicRecorder recorder = TopicRecorder.open(
                        broker.getBrokersAsString(),
                        List.of(
                                TOPICS.signatureRequested().name(),
                                TOPICS.signatureReturned(Lane.INTERACTIVE).name(),
                                TOPICS.documentFailed().name()));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            simulator.configure(usual.withDelays(Duration.ofSeconds(45), Duration.ofSeconds(45)));
            producer.send(new ProducerRecord<>(inputTopic(), slow.documentId(), slow));
            producer.flush();
            recorder.await(
                    TOPICS.signatureRequested().name(), r -> slow.documentId().equals(r.key()), Duration.ofSeconds(30));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() ->
                            meters.get("signing.provider.sessions.open").gauge().value() >= 1);

            simulator.configure(usual);
            producer.send(new ProducerRecord<>(inputTopic(), quick.documentId(), quick));
            producer.flush();

            // With the consumer paused until every record of a poll had ended, this waited 45 s.
            recorder.await(
                    TOPICS.signatureReturned(Lane.INTERACTIVE).name(),
                    r -> quick.documentId().equals(r.key()),
                    Duration.ofSeconds(20));
            assertThat(recorder.seen(TOPICS.signatureReturned(Lane.INTERACTIVE).name()))
                    .noneMatch(r -> slow.documentId().equals(r.key()));
            assertThat(recorder.seen(TOPICS.documentFailed().name()))
                    .noneMatch(r -> slow.documentId().equals(r.key()));
        } finally {
            simulator.configure(usual);
        }
    }

    @Test
    void oneSessionNamedByTwoRecordsIsPolledOnceAndAnsweredOnceEvenWhenNamedAgainAfterItEnded() {
        // A HashComputed delivered twice within the service's idempotency window: the same digest,
        // the same session, two SignatureRequested records naming it.
        HashComputed document = TestDocuments.hashComputed(UUID.randomUUID().toString(), SmartIdAccounts.OK);
        int sessionsBefore = sandbox().smartId().sessionsCreated();
        try (TopicRecorder recorder = TopicRecorder.open(
                        broker.getBrokersAsString(),
                        List.of(
                                TOPICS.signatureRequested().name(),
                                TOPICS.signatureReturned(Lane.INTERACTIVE).name()));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            producer.send(new ProducerRecord<>(inputTopic(), document.documentId(), document));
            producer.send(new ProducerRecord<>(inputTopic(), document.documentId(), document));
            producer.flush();

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> recorder.seen(TOPICS.signatureRequested().name()).stream()
                                    .filter(r -> document.documentId().equals(r.key()))
                                    .count()
                            == 2);
            assertThat(recorder.seen(TOPICS.signatureRequested().name()).stream()
                            .filter(r -> document.documentId().equals(r.key()))
                            .map(r -> EventJson.read(r.value(), SignatureRequested.class)
                                    .session()
                                    .sessionId())
                            .distinct())
                    .hasSize(1);
            recorder.await(
                    TOPICS.signatureReturned(Lane.INTERACTIVE).name(),
                    r -> document.documentId().equals(r.key()),
                    Duration.ofSeconds(30));
            // The same record delivered again after the session ended (a rebalance back to this
            // instance, say): its outcome is on the broker already.
            ConsumerRecord<String, byte[]> announced = recorder
                    .seen(TOPICS.signatureRequested().name())
                    .stream()
                    .filter(r -> document.documentId().equals(r.key()))
                    .findFirst()
                    .orElseThrow();
            try (KafkaProducer<String, byte[]> raw = KafkaTestClients.rawProducer(broker.getBrokersAsString())) {
                raw.send(new ProducerRecord<>(
                        announced.topic(), null, announced.key(), announced.value(), announced.headers()));
            }
            // Every record is finished by the one outcome; no second one follows.
            Awaitility.await()
                    .during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> recorder
                                    .seen(TOPICS.signatureReturned(Lane.INTERACTIVE)
                                            .name())
                                    .stream()
                                    .filter(r -> document.documentId().equals(r.key()))
                                    .count()
                            == 1);
        }
        assertThat(sandbox().smartId().sessionsCreated() - sessionsBefore).isEqualTo(1);
    }

    /**
     * The same HashComputed delivered again after the service's idempotency window (16 s on the
     * simulator's clock): the ledger names the running session, so the document resumes it; the
     * service would otherwise start a second session and ask the person for the PIN again.
     */
    @Test
    void aRecordDeliveredAgainAfterTheIdempotencyWindowResumesItsSessionAndNoSecondIsStarted() {
        var simulator = sandbox().smartId();
        var usual = simulator.settings();
        HashComputed document = TestDocuments.hashComputed(UUID.randomUUID().toString(), SmartIdAccounts.OK);
        String id = document.documentId();
        String requestedTopic = TOPICS.signatureRequested().name();
        int sessionsBefore = simulator.sessionsCreated();
        try (TopicRecorder recorder = TopicRecorder.open(
                        broker.getBrokersAsString(),
                        List.of(
                                requestedTopic,
                                TOPICS.signatureReturned(Lane.INTERACTIVE).name()));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            // The person takes their time: the session is still running when the record comes again.
            simulator.configure(usual.withDelays(Duration.ofSeconds(6), Duration.ofSeconds(6)));
            producer.send(new ProducerRecord<>(inputTopic(), id, document));
            producer.flush();
            String session = EventJson.read(
                            recorder.await(requestedTopic, r -> id.equals(r.key()), Duration.ofSeconds(30))
                                    .value(),
                            SignatureRequested.class)
                    .session()
                    .sessionId();

            SANDBOX_CLOCK.skip(usual.idempotencyWindow().plusSeconds(1));
            producer.send(new ProducerRecord<>(inputTopic(), id, document));
            producer.flush();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> recorder.seen(requestedTopic).stream()
                                    .filter(r -> id.equals(r.key()))
                                    .count()
                            == 2);
            assertThat(recorder.seen(requestedTopic).stream()
                            .filter(r -> id.equals(r.key()))
                            .map(r -> EventJson.read(r.value(), SignatureRequested.class)
                                    .session()
                                    .sessionId()))
                    .containsOnly(session);
            recorder.await(
                    TOPICS.signatureReturned(Lane.INTERACTIVE).name(), r -> id.equals(r.key()), Duration.ofSeconds(30));
            assertThat(simulator.sessionsCreated() - sessionsBefore).isEqualTo(1);
            assertThat(sandbox().signingLog().entries())
                    .filteredOn(entry -> entry.simulator().equals("smartid"))
                    .filteredOn(entry -> entry.isFor(EventJson.read(
                                    recorder.seen(requestedTopic).stream()
                                            .filter(r -> id.equals(r.key()))
                                            .findFirst()
                                            .orElseThrow()
                                            .value(),
                                    SignatureRequested.class)
                            .dataToSignDigest()))
                    .hasSize(1);
        } finally {
            simulator.configure(usual);
        }
    }

    @Test
    void anUnreadableSignatureRequestedIsDeadLetteredAndItsOffsetCommittedOnceEverythingBeforeItEnded()
            throws Exception {
        String deadLetters = Topics.deadLetter(TOPICS.signatureRequested().name(), "provider-smartid-poller");
        String key = "poison-" + UUID.randomUUID();
        byte[] garbage = "{\"schemaVersion\": 1, \"documentId\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (TopicRecorder recorder = TopicRecorder.open(broker.getBrokersAsString(), List.of(deadLetters));
                KafkaProducer<String, byte[]> producer = KafkaTestClients.rawProducer(broker.getBrokersAsString());
                Admin admin = KafkaTestClients.admin(broker.getBrokersAsString())) {
            RecordMetadata poison = producer.send(
                            new ProducerRecord<>(TOPICS.signatureRequested().name(), key, garbage))
                    .get();

            ConsumerRecord<String, byte[]> dead =
                    recorder.await(deadLetters, r -> key.equals(r.key()), Duration.ofSeconds(30));
            assertThat(dead.value()).isEqualTo(garbage);
            assertThat(TopicRecorder.header(dead, "x-original-topic"))
                    .contains(TOPICS.signatureRequested().name());
            // Binary, as the Kafka binder and every provider write it.
            assertThat(java.nio.ByteBuffer.wrap(dead.headers()
                                    .lastHeader("x-original-offset")
                                    .value())
                            .getLong())
                    .isEqualTo(poison.offset());
            assertThat(TopicRecorder.header(dead, "x-exception-message")).isPresent();

            TopicPartition partition = new TopicPartition(poison.topic(), poison.partition());
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("provider-smartid-poller")
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > poison.offset();
            });
        }
    }

    @Test
    void aRebalanceWhileASessionIsOpenCommitsNothingPastItAndTheSessionIsAnsweredOnce() throws Exception {
        var simulator = sandbox().smartId();
        var usual = simulator.settings();
        HashComputed document = TestDocuments.hashComputed(UUID.randomUUID().toString(), SmartIdAccounts.OK);
        try (TopicRecorder recorder = TopicRecorder.open(
                        broker.getBrokersAsString(),
                        List.of(
                                TOPICS.signatureRequested().name(),
                                TOPICS.signatureReturned(Lane.INTERACTIVE).name()));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString());
                Admin admin = KafkaTestClients.admin(broker.getBrokersAsString())) {
            simulator.configure(usual.withDelays(Duration.ofSeconds(20), Duration.ofSeconds(20)));
            producer.send(new ProducerRecord<>(inputTopic(), document.documentId(), document));
            producer.flush();
            ConsumerRecord<String, byte[]> announced = recorder.await(
                    TOPICS.signatureRequested().name(),
                    r -> document.documentId().equals(r.key()),
                    Duration.ofSeconds(30));
            TopicPartition partition = new TopicPartition(announced.topic(), announced.partition());
            simulator.configure(usual);

            // Another member joins the poller's group (a second instance starting) and leaves again.
            try (KafkaConsumer<String, byte[]> other = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            broker.getBrokersAsString(),
                            ConsumerConfig.GROUP_ID_CONFIG,
                            "provider-smartid-poller",
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            false,
                            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                            1),
                    new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                other.subscribe(List.of(TOPICS.signatureRequested().name()));
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                    other.poll(Duration.ofMillis(200));
                    return !other.assignment().isEmpty();
                });
                assertThat(committed(admin, partition))
                        .as("committed while the session is open")
                        .isLessThanOrEqualTo(announced.offset());
            }
            assertThat(committed(admin, partition)).isLessThanOrEqualTo(announced.offset());

            recorder.await(
                    TOPICS.signatureReturned(Lane.INTERACTIVE).name(),
                    r -> document.documentId().equals(r.key()),
                    Duration.ofSeconds(60));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> committed(admin, partition) > announced.offset());
            assertThat(recorder.seen(TOPICS.signatureReturned(Lane.INTERACTIVE).name()))
                    .filteredOn(r -> document.documentId().equals(r.key()))
                    .hasSize(1);
        } finally {
            simulator.configure(usual);
        }
    }

    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets("provider-smartid-poller")
                .partitionsToOffsetAndMetadata()
                .get()
                .get(partition);
        return committed == null ? -1 : committed.offset();
    }

    @Override
    protected String inputTopic() {
        return TOPICS.hashComputed(Provider.SMARTID).name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.signatureReturned(Lane.INTERACTIVE).name();
    }

    @Override
    protected String consumerGroup() {
        return "provider-smartid";
    }

    @Override
    protected Object sampleInput(String reference) {
        return TestDocuments.hashComputed(reference, SmartIdAccounts.OK);
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        HashComputed document = (HashComputed) input;
        SignatureReturned returned = EventJson.read(answer, SignatureReturned.class);
        assertThat(returned.documentId()).isEqualTo(document.documentId());
        assertThat(returned.parameters().signatureAlgorithm()).isEqualTo("RSA_SSA_PSS_SHA256_MGF1");
        assertSignedBy(SmartIdAccounts.OK, returned);
    }

    private static void assertSignedBy(String documentNumber, SignatureReturned returned) {
        X509Certificate person = sandbox()
                .smartId()
                .accounts()
                .byDocumentNumber(documentNumber)
                .orElseThrow()
                .key()
                .certificate();
        byte[] dataToSign = new CAdESService(new CommonCertificateVerifier())
                .getDataToSign(
                        DssParameters.manifest(returned.manifest()),
                        DssParameters.cadesBaselineB(returned.parameters()))
                .getBytes();
        try {
            Signature verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            verifier.initVerify(person.getPublicKey());
            verifier.update(dataToSign);
            assertThat(verifier.verify(returned.signatureValue())).isTrue();
            assertThat(returned.parameters().signingCertificate()).isEqualTo(person.getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
