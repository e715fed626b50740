package dev.signingsuite.provider.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.Topics;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.TopicRecorder;
import eu.europa.esig.dss.model.x509.CertificateToken;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * What the provider runtime promises for any {@link RemoteSigner}, on a real KRaft broker through
 * the Spring Cloud Stream Kafka binder: a burst is grouped into calls of at most the signer's batch
 * size and every answer verifies; a document that waits is handed back with everything behind it and
 * answered once when it no longer waits; a value that does not verify ends as {@code DocumentFailed}
 * and is never published as signed; an unreadable record is dead-lettered alone with the binder's
 * headers; and all of it is counted. A provider's IT extends this and supplies its documents.
 */
@EmbeddedKafka(partitions = 3)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "logging.level.kafka=WARN",
            "logging.level.org.apache.kafka=WARN"
        })
public abstract class RemoteSignerContract {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private MeterRegistry meters;

    /** What the provider wrote to its outputs since the test began. */
    protected TopicRecorder recorder;

    /** The topic the provider's {@code hashComputed-in-0} reads. */
    protected abstract String inputTopic();

    /** Its consumer group, which names the dead-letter topic. */
    protected abstract String consumerGroup();

    /** A document the provider signs. */
    protected abstract HashComputed signable(String documentId);

    /** A document that waits (for a person) until {@link #release()}. */
    protected abstract HashComputed waiting(String documentId);

    /** The person approves: documents from {@link #waiting} may now be signed. */
    protected abstract void release();

    /** A document for which the service answers a value that does not verify. */
    protected abstract HashComputed answeredWrongly(String documentId);

    /** The certificate {@link #signable} documents are signed with. */
    protected abstract CertificateToken certificate();

    /** The largest group the provider signs in one call. */
    protected abstract int maxBatchSize();

    /** How many digests each of the service's sign calls carried so far. */
    protected abstract List<Integer> callSizes();

    @BeforeEach
    void openRecorder() {
        recorder = TopicRecorder.open(
                broker.getBrokersAsString(),
                List.of(returned(), failed(), requested(), Topics.deadLetter(inputTopic(), consumerGroup())));
    }

    @AfterEach
    void closeRecorder() {
        recorder.close();
    }

    @Test
    void aBurstIsSignedInGroupsOfAtMostTheBatchSizeAndEveryValueVerifies() throws Exception {
        int before = callSizes().size();
        List<HashComputed> documents = new ArrayList<>();
        for (int i = 0; i < 2 * maxBatchSize() + 1; i++) {
            documents.add(signable("burst-" + i + "-" + UUID.randomUUID()));
        }
        send(documents);

        DataToSign dataToSign = new DataToSign();
        for (HashComputed document : documents) {
            SignatureReturned answer = EventJson.read(
                    recorder.await(returned(), r -> document.documentId().equals(r.key()), WAIT)
                            .value(),
                    SignatureReturned.class);
            assertThat(answer.parameters().signingCertificate())
                    .isEqualTo(certificate().getEncoded());
            // Rebuilt from the event alone, as augmentation-service rebuilds it.
            Signature verifier = Signature.getInstance(
                    DssParameters.signatureAlgorithm(answer.parameters()).getJCEId());
            verifier.initVerify(certificate().getPublicKey());
            verifier.update(dataToSign.of(answer.files(), answer.manifest(), answer.parameters()));
            assertThat(verifier.verify(answer.signatureValue()))
                    .as("the value verifies over the data to sign rebuilt from the event")
                    .isTrue();
        }
        List<Integer> calls = callSizes().subList(before, callSizes().size());
        assertThat(calls.stream().mapToInt(Integer::intValue).sum()).isEqualTo(documents.size());
        assertThat(calls).allSatisfy(size -> assertThat(size).isBetween(1, maxBatchSize()));
        assertThat(calls)
                .as("calls for a burst of %d", documents.size())
                .anySatisfy(size -> assertThat(size).isGreaterThan(1));
    }

    @Test
    void aWaitingDocumentIsHandedBackWithWhatFollowsItAndAnsweredOnceWhenReleased() throws Exception {
        HashComputed waiting = waiting("waiting-" + UUID.randomUUID());
        HashComputed behind = signable("behind-" + UUID.randomUUID());
        // One partition: the hand-back holds back what is behind the waiting record in its partition.
        send(List.of(waiting, behind), 0);

        // A negative claim over two rechecks: neither is answered while the person has not approved.
        Thread.sleep(2_500);
        assertThat(recorder.seen(returned()))
                .extracting(ConsumerRecord::key)
                .doesNotContain(waiting.documentId(), behind.documentId());
        assertThat(recorder.seen(failed())).extracting(ConsumerRecord::key).doesNotContain(waiting.documentId());
        // The gateway hears once, not on every recheck, what the document waits for.
        assertThat(recorder.seen(requested()))
                .filteredOn(r -> waiting.documentId().equals(r.key()))
                .singleElement()
                .satisfies(r -> assertThat(EventJson.read(r.value(), SignatureRequested.class)
                                .awaiting())
                        .isNotBlank());

        release();
        recorder.await(returned(), r -> waiting.documentId().equals(r.key()), WAIT);
        recorder.await(returned(), r -> behind.documentId().equals(r.key()), WAIT);
        Thread.sleep(1_500);
        assertThat(recorder.seen(returned()))
                .extracting(ConsumerRecord::key)
                .filteredOn(key -> key.equals(waiting.documentId()) || key.equals(behind.documentId()))
                .containsExactly(waiting.documentId(), behind.documentId());
        assertThat(counted("waiting")).isPositive();
    }

    @Test
    void aValueThatDoesNotVerifyFailsTheDocumentAndIsNeverPublishedAsSigned() throws Exception {
        HashComputed document = answeredWrongly("wrong-" + UUID.randomUUID());
        send(List.of(document));

        DocumentFailed failure = EventJson.read(
                recorder.await(failed(), r -> document.documentId().equals(r.key()), WAIT)
                        .value(),
                DocumentFailed.class);
        assertThat(failure.reason()).isEqualTo(FailureReason.SIGNATURE_INVALID);
        Thread.sleep(1_000);
        assertThat(recorder.seen(returned())).extracting(ConsumerRecord::key).doesNotContain(document.documentId());
        assertThat(counted("failed")).isPositive();
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAloneWithTheBindersHeaders() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        byte[] garbage = "{\"schemaVersion\": 1, \"documentId\": ".getBytes(UTF_8);
        HashComputed neighbour = signable("neighbour-" + UUID.randomUUID());
        RecordMetadata written;
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.rawProducer(broker.getBrokersAsString())) {
            written = producer.send(new ProducerRecord<>(inputTopic(), key, garbage))
                    .get();
        }
        // Written as every stage writes events: with their CloudEvents headers.
        send(List.of(neighbour));

        ConsumerRecord<String, byte[]> dead =
                recorder.await(Topics.deadLetter(inputTopic(), consumerGroup()), r -> key.equals(r.key()), WAIT);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(TopicRecorder.header(dead, "x-original-topic")).contains(inputTopic());
        // Binary, as the Kafka binder writes them: a 4-byte partition and an 8-byte offset.
        assertThat(ByteBuffer.wrap(dead.headers()
                                .lastHeader("x-original-partition")
                                .value())
                        .getInt())
                .isEqualTo(written.partition());
        assertThat(ByteBuffer.wrap(
                                dead.headers().lastHeader("x-original-offset").value())
                        .getLong())
                .isEqualTo(written.offset());
        assertThat(TopicRecorder.header(dead, "x-exception-message")).isPresent();
        assertThat(TopicRecorder.header(dead, "x-exception-fqcn")).isPresent();
        // The poll's other record is signed all the same.
        recorder.await(returned(), r -> neighbour.documentId().equals(r.key()), WAIT);
        assertThat(counted("dead_lettered")).isPositive();
        assertThat(meters.get("signing.dead.letters")
                        .tag("topic", inputTopic())
                        .counter()
                        .count())
                .isPositive();
    }

    @Test
    void everyDecisionIsCountedAndEveryCallMeasured() {
        HashComputed document = signable("counted-" + UUID.randomUUID());
        double signedBefore = counted("signed");
        send(List.of(document));
        recorder.await(returned(), r -> document.documentId().equals(r.key()), WAIT);

        Awaitility.await().atMost(WAIT).until(() -> counted("signed") > signedBefore);
        assertThat(meters.get("signing.provider.batch.size").summaries())
                .anySatisfy(summary -> assertThat(summary.count()).isPositive());
        assertThat(meters.get("signing.stage.duration")
                        .tag("stage", "provider")
                        .timer()
                        .count())
                .isPositive();
    }

    protected String brokers() {
        return broker.getBrokersAsString();
    }

    private double counted(String outcome) {
        return meters.find("signing.documents").tags("stage", "provider", "outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private void send(List<HashComputed> documents) {
        send(documents, null);
    }

    protected void send(List<HashComputed> documents, Integer partition) {
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            for (HashComputed document : documents) {
                producer.send(new ProducerRecord<>(inputTopic(), partition, document.documentId(), document));
            }
            producer.flush();
        }
    }

    protected static String returned() {
        return TOPICS.signatureReturned().name();
    }

    protected static String requested() {
        return TOPICS.signatureRequested().name();
    }

    protected static String failed() {
        return TOPICS.documentFailed().name();
    }
}
