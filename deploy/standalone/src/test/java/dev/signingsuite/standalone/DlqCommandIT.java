package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.standalone.dlq.DeadLetters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlq list|show|replay} against a real broker holding dead letters as the binder writes them. */
class DlqCommandIT {

    private static final String ORIGINAL = "signing.signature-augmented.v1";
    private static final String DEAD = "error." + ORIGINAL + ".container-service";
    private static final String OTHER_ORIGINAL = "signing.hash-computed.csc.v1";
    private static final String OTHER_DEAD = "error." + OTHER_ORIGINAL + ".provider-csc";

    @TempDir
    static Path dataDir;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(KafkaBrokerSettings.defaults(dataDir).withPort(0));
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(ORIGINAL, 3, (short) 1),
                            new NewTopic(DEAD, 1, (short) 1),
                            new NewTopic(OTHER_ORIGINAL, 3, (short) 1),
                            new NewTopic(OTHER_DEAD, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(deadLetter(DEAD, ORIGINAL, "doc-long-name", 2, 41L, "entry name over 255 bytes"))
                    .get(30, TimeUnit.SECONDS);
            producer.send(deadLetter(DEAD, ORIGINAL, "doc-poison", 0, 7L, "truncated JSON"))
                    .get(30, TimeUnit.SECONDS);
            producer.send(deadLetter(OTHER_DEAD, OTHER_ORIGINAL, "doc-csc", 1, 3L, "group refused"))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void listShowsEachDeadLetterWithItsDocumentCauseAndOrigin() {
        Run run = dlq(List.of("list"));

        assertThat(run.status).isZero();
        assertThat(run.out)
                .contains(DEAD + ": 2 records")
                .contains(OTHER_DEAD + ": 1 record")
                .contains(DEAD + ":0:0  document doc-long-name  from " + ORIGINAL + ":2:41")
                .contains("cause java.lang.IllegalArgumentException: entry name over 255 bytes")
                .contains(DEAD + ":0:1  document doc-poison  from " + ORIGINAL + ":0:7");
    }

    @Test
    void showPrintsHeadersDecodedAndThePayload() {
        Run run = dlq(List.of("show", DEAD + ":0:1"));

        assertThat(run.status).isZero();
        assertThat(run.out)
                .contains("key: doc-poison")
                .contains("x-original-partition: 0")
                .contains("x-original-offset: 7")
                .contains("x-exception-message: truncated JSON")
                .contains("signing-attempt: 0")
                .contains("{\"documentId\":\"doc-poison\"}");
        assertThat(dlq(List.of("show", DEAD + ":0:99")).status).isEqualTo(DlqCommand.EXIT_NOT_FOUND);
        assertThat(dlq(List.of("show", "no-offset")).status).isEqualTo(StandaloneApplication.EXIT_USAGE);
    }

    @Test
    void replayRepublishesOnceToTheOriginalTopicWithTheOriginalHeaders() {
        Run first = dlq(List.of("replay", DEAD + ":0:0"));
        Run second = dlq(List.of("replay", DEAD + ":0:0"));

        assertThat(first.status).isZero();
        assertThat(first.out).contains(DEAD + ":0:0 replayed to " + ORIGINAL);
        assertThat(second.status).isZero();
        assertThat(second.out).contains("was replayed before").contains("not sent again");
        List<ConsumerRecord<String, byte[]>> replayed = records(ORIGINAL).stream()
                .filter(r -> "doc-long-name".equals(r.key()))
                .toList();
        assertThat(replayed).hasSize(1);
        ConsumerRecord<String, byte[]> record = replayed.get(0);
        assertThat(new String(record.value(), UTF_8)).isEqualTo("{\"documentId\":\"doc-long-name\"}");
        assertThat(header(record, DeadLetters.REPLAYED_FROM)).isEqualTo(DEAD + ":0:0");
        assertThat(header(record, "ce_subject")).isEqualTo("doc-long-name");
        assertThat(header(record, "signing-attempt")).isEqualTo("0");
        assertThat(record.headers().toArray()).extracting(Header::key).noneMatch(key -> key.startsWith("x-"));
    }

    @Test
    void replayAllSendsEveryRecordOfATopicAndSkipsWhatWasReplayed() {
        Run all = dlq(List.of("replay", OTHER_DEAD), List.of("--all"));
        Run again = dlq(List.of("replay", OTHER_DEAD), List.of("--all"));

        assertThat(all.status).isZero();
        assertThat(all.out).contains(OTHER_DEAD + ":0:0 replayed to " + OTHER_ORIGINAL);
        assertThat(again.out).contains("not sent again");
        assertThat(records(OTHER_ORIGINAL)).hasSize(1);
    }

    private Run dlq(List<String> operands) {
        return dlq(operands, List.of());
    }

    private Run dlq(List<String> operands, List<String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(options);
        all.add("--kafka.bootstrap-servers=" + broker.bootstrapServers());
        int status =
                DlqCommand.run(operands, all, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new Run(status, out.toString(UTF_8) + err.toString(UTF_8));
    }

    private record Run(int status, String out) {}

    private static ProducerRecord<String, String> deadLetter(
            String dead, String original, String document, int partition, long offset, String message) {
        ProducerRecord<String, String> record =
                new ProducerRecord<>(dead, 0, document, "{\"documentId\":\"" + document + "\"}");
        record.headers()
                .add("ce_subject", document.getBytes(UTF_8))
                .add("signing-attempt", "0".getBytes(UTF_8))
                .add(new RecordHeader("x-original-topic", original.getBytes(UTF_8)))
                .add(new RecordHeader(
                        "x-original-partition",
                        ByteBuffer.allocate(Integer.BYTES).putInt(partition).array()))
                .add(new RecordHeader(
                        "x-original-offset",
                        ByteBuffer.allocate(Long.BYTES).putLong(offset).array()))
                .add(
                        "x-exception-fqcn",
                        IllegalArgumentException.class.getName().getBytes(UTF_8))
                .add("x-exception-message", message.getBytes(UTF_8))
                .add("x-exception-stacktrace", "at somewhere".getBytes(UTF_8));
        return record;
    }

    private List<ConsumerRecord<String, byte[]>> records(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }
}
