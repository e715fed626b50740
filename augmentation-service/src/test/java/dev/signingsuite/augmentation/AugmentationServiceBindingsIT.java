package dev.signingsuite.augmentation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signingsuite.augmentation.trust.AugmentationProperties;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.SigningHeaders;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.faults.Fault;
import dev.signingsuite.sandbox.faults.FaultProfile;
import dev.signingsuite.sandbox.faults.Simulator;
import dev.signingsuite.signature.AsicLayout;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.StageBindingContract;
import dev.signingsuite.testsupport.TopicRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The stage's bindings on a real broker, and hole 1 of issue 16 with a sandbox with faults (one
 * Spring context and broker for both, which CI time asks for): an OCSP responder away for longer
 * than the in-line retries parks documents instead of dead-lettering them, and they are augmented
 * when it is back; away past the (here 6 s) deadline, the document fails {@code
 * REVOCATION_UNAVAILABLE}, its signature value is kept, and republishing that value as attempt 1
 * augments it without a new signature.
 */
@TestPropertySource(
        properties = {
            "spring.config.name=" + AugmentationServiceApplication.CONFIG_NAME,
            "signing.parking.deadline=6s",
            "signing.parking.first-delay=200ms",
            "signing.parking.max-delay=1s",
            // Every document asks the responder: a cached response would hide the outage.
            "signing.augmentation.ocsp-cache-ttl=0s"
        })
class AugmentationServiceBindingsIT extends StageBindingContract {

    private static final String DEAD_LETTERS =
            Topics.deadLetter(TOPICS.signatureReturned().name(), "augmentation-service");

    // Started before the Spring context, which reads the TSA URL and trust anchors at start-up.
    private static final Sandbox SANDBOX;
    private static final AugmentationProperties TRUST;
    private static final Duration WAIT = Duration.ofSeconds(60);

    static {
        try {
            var dataDir = Files.createTempDirectory("augmentation-it-sandbox");
            SANDBOX = Sandboxes.start(dataDir);
            TRUST = Sandboxes.properties(SANDBOX, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void trustServices(DynamicPropertyRegistry registry) {
        registry.add("signing.augmentation.tsa-url", () -> TRUST.tsaUrl().toString());
        registry.add(
                "signing.augmentation.trust-anchors", () -> TRUST.trustAnchors().toString());
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MeterRegistry meters;

    @Autowired
    BindingsLifecycleController bindings;

    TopicRecorder recorder;

    @BeforeEach
    void openParkingRecorder() {
        recorder = TopicRecorder.open(
                broker.getBrokersAsString(),
                List.of(
                        TOPICS.signatureAugmented().name(),
                        TOPICS.documentFailed().name(),
                        TOPICS.signaturesKept().name(),
                        DEAD_LETTERS));
    }

    @AfterEach
    void closeParkingRecorder() {
        SANDBOX.faults().clear();
        recorder.close();
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Test
    void documentsThatArriveTogetherAreAnsweredInOneTransaction() throws Exception {
        assertAPollCommitsInOneTransaction();
    }

    @Test
    void aPollWhoseProducerWasFencedIsAnsweredAfterAll() throws Exception {
        assertAFencedPollIsDeliveredAgain();
    }

    @Test
    void aSmartIdSignatureIsAugmentedWhileABulkBacklogWaits() {
        assertInteractiveWorkPassesABulkBacklog(
                () -> bindings.changeState("signatureReturned-in-0", BindingsLifecycleController.State.STOPPED),
                () -> bindings.changeState("signatureReturned-in-0", BindingsLifecycleController.State.STARTED),
                TOPICS.signatureReturned(Lane.INTERACTIVE).name(),
                this::sampleInput,
                TOPICS.signatureAugmented(Lane.INTERACTIVE).name());
    }

    @Test
    void theSameSignatureReturnedTwiceGivesOneSignatureAugmentedAndANextAttemptItsOwn() {
        SignatureReturned returned =
                (SignatureReturned) sampleInput(UUID.randomUUID().toString());
        String output = TOPICS.signatureAugmented().name();
        try (TopicRecorder recorder = TopicRecorder.open(brokers, List.of(output));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(brokers)) {
            producer.send(new ProducerRecord<>(inputTopic(), returned.documentId(), returned));
            producer.send(new ProducerRecord<>(inputTopic(), returned.documentId(), returned));
            producer.flush();

            recorder.await(output, r -> returned.documentId().equals(r.key()), WAIT);
            await().atMost(WAIT).until(() -> duplicates() == 1.0);
            assertThat(recorder.seen(output))
                    .filteredOn(r -> returned.documentId().equals(r.key()))
                    .hasSize(1);

            // A deliberate re-augmentation names the next attempt, and is answered under it.
            ProducerRecord<String, Object> again = new ProducerRecord<>(inputTopic(), returned.documentId(), returned);
            again.headers().add(SigningHeaders.ATTEMPT, "1".getBytes(UTF_8));
            producer.send(again);
            ConsumerRecord<String, byte[]> second = recorder.await(
                    output,
                    r -> returned.documentId().equals(r.key())
                            && TopicRecorder.header(r, SigningHeaders.ATTEMPT).isPresent(),
                    WAIT);
            assertThat(SigningHeaders.attempt(
                            second.headers().lastHeader(SigningHeaders.ATTEMPT).value()))
                    .isEqualTo(1);
            assertThat(recorder.seen(output))
                    .filteredOn(r -> returned.documentId().equals(r.key()))
                    .hasSize(2);
        }
    }

    private double duplicates() {
        return meters.get("signing.documents")
                .tags("stage", "augmentation", "outcome", RoutedStage.DUPLICATE)
                .counter()
                .count();
    }

    @Override
    protected String inputTopic() {
        return TOPICS.signatureReturned().name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.signatureAugmented().name();
    }

    @Override
    protected String consumerGroup() {
        return "augmentation-service";
    }

    @Override
    protected Object sampleInput(String reference) {
        return ReturnedSignatures.signedBy(Sandboxes.seal(SANDBOX), SignatureLevel.LT, reference);
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        SignatureAugmented augmented = EventJson.read(answer, SignatureAugmented.class);
        assertThat(augmented.signature().level()).isEqualTo(SignatureLevel.LT);
        assertThat(augmented.signature().entryName()).isEqualTo(AsicLayout.SIGNATURE_ENTRY);
        try {
            CMSSignedData cms = new CMSSignedData(
                    new CMSProcessableByteArray(augmented.manifest().content()),
                    augmented.signature().content());
            SignerInformation signer =
                    cms.getSignerInfos().getSigners().iterator().next();
            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                            .build(Sandboxes.seal(SANDBOX).certificate())))
                    .isTrue();
        } catch (Exception e) {
            throw new AssertionError("the augmented signature is not a verifying CMS", e);
        }
    }

    @Test
    void anOcspOutageLongerThanTheInlineRetriesParksTheDocumentsUntilTheResponderIsBack() {
        double retriedBefore = retried();
        // The binder's in-line retries gave up after about 2.5 s.
        SANDBOX.faults().outage(Simulator.OCSP, Duration.ofSeconds(4));
        List<SignatureReturned> documents = List.of(returned(), returned(), returned());
        documents.forEach(this::publish);

        for (SignatureReturned document : documents) {
            ConsumerRecord<String, byte[]> augmented = recorder.await(
                    TOPICS.signatureAugmented().name(),
                    r -> document.documentId().equals(r.key()),
                    WAIT);
            assertThat(EventJson.read(augmented.value(), SignatureAugmented.class)
                            .signature()
                            .level())
                    .isEqualTo(SignatureLevel.LT);
        }
        assertThat(retried()).as("the outage was met and retried").isGreaterThan(retriedBefore);
        List<String> ids = documents.stream().map(SignatureReturned::documentId).toList();
        assertThat(recorder.seen(DEAD_LETTERS)).noneMatch(r -> ids.contains(r.key()));
        assertThat(recorder.seen(TOPICS.documentFailed().name())).noneMatch(r -> ids.contains(r.key()));
        assertThat(parked("signing.parked.documents")).isZero();
    }

    @Test
    void pastTheDeadlineTheDocumentFailsItsValueIsKeptAndReaugmentedWithoutANewSignature() throws Exception {
        SANDBOX.faults().set(Simulator.OCSP, FaultProfile.of(1, Fault.RESET, Fault.HTTP_503));
        SignatureReturned document = returned();
        publish(document);

        ConsumerRecord<String, byte[]> failed = recorder.await(
                TOPICS.documentFailed().name(), r -> document.documentId().equals(r.key()), WAIT);
        assertThat(EventJson.read(failed.value(), DocumentFailed.class).reason())
                .isEqualTo(FailureReason.REVOCATION_UNAVAILABLE);
        ConsumerRecord<String, byte[]> kept = recorder.await(
                TOPICS.signaturesKept().name(), r -> document.documentId().equals(r.key()), WAIT);
        SignatureReturned keptValue = EventJson.read(kept.value(), SignatureReturned.class);
        assertThat(keptValue.signatureValue()).isEqualTo(document.signatureValue());
        assertThat(keptValue.parameters().signingDate())
                .isEqualTo(document.parameters().signingDate());
        assertThat(recorder.seen(DEAD_LETTERS))
                .noneMatch(r -> document.documentId().equals(r.key()));
        assertThat(recorder.seen(TOPICS.signatureAugmented().name()))
                .noneMatch(r -> document.documentId().equals(r.key()));

        // The responder is back: the operator republishes the kept record as the next attempt.
        SANDBOX.faults().clear();
        ProducerRecord<String, byte[]> again =
                new ProducerRecord<>(TOPICS.signatureReturned().name(), kept.key(), kept.value());
        for (Header header : kept.headers()) {
            again.headers().add(header);
        }
        again.headers().add("signing-attempt", "1".getBytes(UTF_8));
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.rawProducer(broker.getBrokersAsString())) {
            producer.send(again).get();
        }

        ConsumerRecord<String, byte[]> augmented = recorder.await(
                TOPICS.signatureAugmented().name(), r -> document.documentId().equals(r.key()), WAIT);
        SignatureAugmented signature = EventJson.read(augmented.value(), SignatureAugmented.class);
        CMSSignedData cms = new CMSSignedData(
                new CMSProcessableByteArray(signature.manifest().content()),
                signature.signature().content());
        // The value the remote signer returned once, not a new signature.
        assertThat(cms.getSignerInfos().getSigners().iterator().next().getSignature())
                .isEqualTo(document.signatureValue());
    }

    private SignatureReturned returned() {
        return ReturnedSignatures.signedBy(
                Sandboxes.seal(SANDBOX), SignatureLevel.LT, UUID.randomUUID().toString());
    }

    private void publish(SignatureReturned returned) {
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            producer.send(new ProducerRecord<>(TOPICS.signatureReturned().name(), returned.documentId(), returned));
        }
    }

    private double retried() {
        return meters.counter("signing.documents", "stage", "augmentation", "outcome", "retried")
                .count();
    }

    private double parked(String gauge) {
        return meters.get(gauge).tag("stage", "augmentation").gauge().value();
    }
}
