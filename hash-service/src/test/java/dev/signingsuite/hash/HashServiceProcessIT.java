package dev.signingsuite.hash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.Topics;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.TopicRecorder;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * hash-service as it runs in production: {@code java -jar target/hash-service.jar}, configured by
 * environment variables only, against a real KRaft broker. Readiness waits for the partitions,
 * SIGTERM stops it cleanly, and what it consumed before stopping is committed exactly as far as
 * it was answered: nothing answered is left for redelivery, nothing unanswered is skipped.
 */
class HashServiceProcessIT {

    private static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);
    private static final String INPUT = TOPICS.documentReceived().name();
    private static final String OUTPUT = TOPICS.hashComputed(Provider.CSC).name();
    private static final Path JAR = Path.of("target", "hash-service.jar");
    private static final Duration START = Duration.ofSeconds(90);

    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        // One partition, so "committed up to" is one number; the group's first rebalance waits
        // 3 s for more members, a window in which the started service is observably not ready.
        broker = new EmbeddedKafkaKraftBroker(
                1, 1, INPUT, OUTPUT, TOPICS.documentFailed().name());
        broker.brokerProperty("group.initial.rebalance.delay.ms", "3000");
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void readyAfterAssignmentAndStopsCleanlyWithWhatItAnsweredCommitted() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        Path data = Files.createDirectories(
                Path.of("target", "process-it", UUID.randomUUID().toString()));
        FileSystemBlobStore blobs = new FileSystemBlobStore(data.resolve("blobs"));
        Map<String, String> environment = Map.of(
                "SIGNING_KAFKA_BROKERS", broker.getBrokersAsString(),
                "SIGNING_KAFKA_PARTITIONS", "1",
                "SIGNING_DATA_DIR", data.toString());

        try (TopicRecorder recorder = TopicRecorder.open(broker.getBrokersAsString(), List.of(OUTPUT));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString());
                ServiceProcess service = ServiceProcess.start(
                        JAR,
                        environment,
                        data.resolve("hash-service.log"),
                        // Only so that the test can tell why readiness is DOWN.
                        "--management.endpoint.health.show-details=always")) {

            List<ServiceProcess.Response> readiness = new ArrayList<>();
            await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(service.isAlive()).as(service::output).isTrue();
                ServiceProcess.Response response = service.get("/actuator/health/readiness");
                readiness.add(response);
                return response.status() == 200;
            });
            assertThat(readiness)
                    .as("not ready while the started service's consumer waits for its partition")
                    .anySatisfy(r -> {
                        assertThat(r.status()).isEqualTo(503);
                        assertThat(r.body()).contains("waiting for assignment");
                    });
            assertThat(readiness.get(readiness.size() - 1).body())
                    .contains("\"status\":\"UP\"", "assigned 1", "\"blobStore\"");
            ServiceProcess.Response liveness = service.get("/actuator/health/liveness");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.body()).contains("\"status\":\"UP\"");

            String first = send(producer, blobs);
            recorder.await(OUTPUT, r -> first.equals(r.key()), Duration.ofSeconds(30));
            // In flight when the stop comes: some handled, some perhaps not yet.
            List<String> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                inFlight.add(send(producer, blobs));
            }
            producer.flush();
            recorder.await(OUTPUT, r -> inFlight.get(0).equals(r.key()), Duration.ofSeconds(30));

            Integer exit = service.terminate(Duration.ofSeconds(30));
            assertThat(exit).as(service::output).isIn(0, 143);
            assertThat(service.output()).doesNotContain("Exception in thread");

            List<String> sent = new ArrayList<>(List.of(first));
            sent.addAll(inFlight);
            Map<String, Long> answers = everyKey(OUTPUT).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(answers.values()).as("no document answered twice").allMatch(n -> n == 1);
            long committed = committedOffset();
            long end = endOffset(INPUT);
            assertThat(end).isEqualTo(sent.size());
            assertThat(sent.subList(0, (int) committed))
                    .as("every record below the committed offset was answered")
                    .allMatch(answers::containsKey);
            assertThat(sent.subList((int) committed, sent.size()))
                    .as("no record above it was: the next owner gets exactly those again")
                    .noneMatch(answers::containsKey);
        }
    }

    private static String send(KafkaProducer<String, Object> producer, FileSystemBlobStore blobs) throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] content = ("%PDF-1.7 invoice " + id).getBytes(UTF_8);
        DocumentReceived received = SampleEvents.received(
                id,
                Provider.CSC,
                List.of(new DataFile(
                        "invoice-" + id + ".pdf",
                        blobs.put(
                                SampleEvents.TENANT,
                                new ByteArrayInputStream(content),
                                "application/pdf",
                                Long.MAX_VALUE))));
        producer.send(new ProducerRecord<>(INPUT, 0, id, received)).get();
        return id;
    }

    private static long committedOffset() throws Exception {
        try (Admin admin = KafkaTestClients.admin(broker.getBrokersAsString())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("hash-service")
                    .partitionsToOffsetAndMetadata()
                    .get();
            OffsetAndMetadata committed = offsets.get(new TopicPartition(INPUT, 0));
            return committed == null ? 0 : committed.offset();
        }
    }

    /** The keys of a one-partition topic, from its start to its end: everything the service wrote. */
    private static List<String> everyKey(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        long end = endOffset(topic);
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaTestClients.rawConsumer(broker.getBrokersAsString())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> keys.add(r.key()));
                return consumer.position(partition) >= end;
            });
        }
        return keys;
    }

    private static long endOffset(String topic) throws Exception {
        try (Admin admin = KafkaTestClients.admin(broker.getBrokersAsString())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .all()
                    .get()
                    .get(partition)
                    .offset();
        }
    }
}
