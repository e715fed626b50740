package dev.signingsuite.provider.eparaksts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.Topics;
import dev.signingsuite.sandbox.eparaksts.EparakstsSimulator;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.TopicRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Several consumer threads, each with its own call in flight: a document that arrives while another
 * partition's {@code raw/batch} is being answered is signed beside it, not after it, and every
 * document is still signed exactly once. The sandbox approves each group, as in the standalone suite.
 */
@EmbeddedKafka(partitions = 3)
@SpringBootTest(
        properties = {
            "spring.config.name=" + EparakstsProviderApplication.CONFIG_NAME,
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "signing.eparaksts.auto-login=true",
            "signing.eparaksts.batch.consumers=3",
            "logging.level.kafka=WARN",
            "logging.level.org.apache.kafka=WARN"
        })
class SealCallsInFlightIT {

    private static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);

    /** Long enough that the second document's call starts while the first one's is answered. */
    private static final Duration PLATFORM_LATENCY = Duration.ofMillis(1500);

    @Autowired
    private EmbeddedKafkaBroker broker;

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
        simulator().batchLatency(PLATFORM_LATENCY);
    }

    @AfterEach
    void close() {
        simulator().batchLatency(Duration.ZERO);
        recorder.close();
    }

    @Test
    void aDocumentArrivingDuringAnotherPartitionsCallIsSignedBesideItAndEachDocumentOnce() throws Exception {
        List<Integer> partitions = onePartitionOfEachConsumer();
        HashComputed first = send(partitions.get(0));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> simulator().calls("server/raw/batch") == 1);
        HashComputed second = send(partitions.get(1));

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> recorder.seen(TOPICS.signatureReturned().name()).size() >= 2);
        Thread.sleep(500); // a negative claim: no second outcome of either document comes later

        assertThat(simulator().mostConcurrentBatches())
                .as("the second partition's raw/batch while the first one's was answered")
                .isEqualTo(2);
        List<String> returned = recorder.seen(TOPICS.signatureReturned().name()).stream()
                .map(ConsumerRecord::key)
                .toList();
        assertThat(returned).containsExactlyInAnyOrder(first.documentId(), second.documentId());
        assertThat(recorder.seen(TOPICS.documentFailed().name())).isEmpty();
        assertThat(simulator().batchSizes()).as("one call per group").containsExactly(1, 1);
        assertThat(simulator().signatures()).as("each digest signed once").isEqualTo(2);
        assertThat(simulator().approvals()).as("one approval per group").hasSize(2);
    }

    @Test
    void documentsThatArriveWhileTheirPartitionsCallIsInFlightFillTheNextCallsUpToTheBatchSize() throws Exception {
        int partition = onePartitionOfEachConsumer().get(2);
        List<HashComputed> documents = new ArrayList<>(List.of(send(partition)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> simulator().calls("server/raw/batch") == 1);
        documents.addAll(send(partition, 120));

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> recorder.seen(TOPICS.signatureReturned().name()).size() >= 121);
        Thread.sleep(500); // a negative claim: no second outcome of any document comes later

        assertThat(recorder.seen(TOPICS.signatureReturned().name()))
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(
                        documents.stream().map(HashComputed::documentId).toList());
        assertThat(recorder.seen(TOPICS.documentFailed().name())).isEmpty();
        List<Integer> sizes = simulator().batchSizes();
        assertThat(sizes.get(0)).isEqualTo(1);
        // The backlog behind the call is taken in polls of up to max-size (100), one call each.
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(100));
        assertThat(Collections.max(sizes)).as("raw/batch calls: %s", sizes).isGreaterThanOrEqualTo(40);
        assertThat(sizes.size()).as("raw/batch calls: %s", sizes).isLessThanOrEqualTo(4);
        assertThat(simulator().signatures()).as("each digest signed once").isEqualTo(121);
    }

    /** Once the three consumer threads share the partitions: the first partition each one owns. */
    private List<Integer> onePartitionOfEachConsumer() {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            return Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> admin
                                    .describeConsumerGroups(List.of("provider-eparaksts"))
                                    .all()
                                    .get()
                                    .get("provider-eparaksts")
                                    .members()
                                    .stream()
                                    .map(m -> m.assignment().topicPartitions().stream()
                                            .mapToInt(TopicPartition::partition)
                                            .min()
                                            .orElse(-1))
                                    .toList(),
                            owned -> owned.size() == 3 && !owned.contains(-1));
        }
    }

    private static EparakstsSimulator simulator() {
        return TestSandbox.get().eparaksts();
    }

    private HashComputed send(int partition) {
        return send(partition, 1).get(0);
    }

    private List<HashComputed> send(int partition, int count) {
        List<HashComputed> documents = new ArrayList<>();
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            for (int i = 0; i < count; i++) {
                HashComputed document =
                        TestDocuments.hashComputed(UUID.randomUUID().toString(), "qsealc");
                documents.add(document);
                producer.send(new ProducerRecord<>(
                        TOPICS.hashComputed(Provider.EPARAKSTS).name(), partition, document.documentId(), document));
            }
            producer.flush();
        }
        return documents;
    }
}
