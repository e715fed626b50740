package dev.signingsuite.augmentation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signingsuite.augmentation.trust.AugmentationProperties;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.SigningHeaders;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.sandbox.Sandbox;
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
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.config.name=" + AugmentationServiceApplication.CONFIG_NAME)
class AugmentationServiceBindingsIT extends StageBindingContract {

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

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Autowired
    private MeterRegistry meters;

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
}
