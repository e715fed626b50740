package dev.signingsuite.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * What every service proves against a real Kafka broker (KRaft, started in the test JVM): its
 * bindings start, a record written with the shared serde by a plain producer is consumed with its
 * headers intact and answered on the service's output topic under the same key and trace, and bad
 * records land on the binder's dead-letter topic with the cause in headers.
 */
@EmbeddedKafka(
        partitions = 3,
        // One broker: the stages' transactions need a transaction log it can hold alone.
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            // The broker's own chatter, except the lines that show it starting in KRaft mode.
            "logging.level.kafka=WARN",
            "logging.level.org.apache.kafka=WARN",
            "logging.level.org.apache.kafka.raft.QuorumState=INFO",
            "logging.level.kafka.server.ControllerServer=INFO",
            "logging.level.kafka.server.BrokerServer=INFO",
            // A batched stage takes a whole poll in one transaction (assertAPollCommitsInOneTransaction).
            "signing.messaging.batch-max-time=20s"
        })
public abstract class StageBindingContract {

    private static final Logger log = LoggerFactory.getLogger(StageBindingContract.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    // HttpClient is AutoCloseable only from Java 21; one shared client for Java 17.
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    protected static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);

    @Autowired
    private EmbeddedKafkaBroker broker;

    @LocalServerPort
    private int port;

    @org.springframework.beans.factory.annotation.Value("${spring.application.name}")
    private String applicationName;

    private TopicRecorder recorder;

    /** The topic the service's inbound binding reads. */
    protected abstract String inputTopic();

    /** The topic the service answers a valid input on. */
    protected abstract String outputTopic();

    /** The inbound binding's consumer group; it names the dead-letter topic. */
    protected abstract String consumerGroup();

    /** A valid input event for a fresh document, unique by {@code reference}. */
    protected abstract Object sampleInput(String reference);

    /** The Kafka key a writer uses for {@code input}. */
    protected String keyOf(Object input) {
        return ((DocumentEvent) input).documentId();
    }

    /** The document the service's answer to {@code input} is about. */
    protected String documentIdOf(Object input) {
        return ((DocumentEvent) input).documentId();
    }

    /** Checks the answer's payload beyond key and headers. */
    protected void assertAnswer(Object input, byte[] answer) {}

    @BeforeEach
    void openRecorder() {
        recorder = TopicRecorder.open(
                broker.getBrokersAsString(), List.of(outputTopic(), Topics.deadLetter(inputTopic(), consumerGroup())));
    }

    @AfterEach
    void closeRecorder() {
        recorder.close();
    }

    @Test
    void servesHealthAndPrometheusMetrics() throws IOException, InterruptedException {
        // DOWN (503) until the bindings have their partitions (readiness is part of health), which
        // on a loaded machine can come after the first test starts.
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    last.set(get("/actuator/health"));
                    assertThat(last.get().statusCode()).as(last.get().body()).isEqualTo(200);
                });
        assertThat(last.get().body()).contains("\"status\":\"UP\"");

        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes", "kafka_consumer_");
    }

    @Test
    void consumesARecordWithItsHeadersIntactAndAnswersUnderTheSameKeyAndTrace() {
        Object input = sampleInput(UUID.randomUUID().toString());
        String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
        ProducerRecord<String, Object> record = new ProducerRecord<>(inputTopic(), keyOf(input), input);
        record.headers().add(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(UTF_8));
        // The marker a Spring Cloud Function producer adds; its CloudEvents support would rename
        // our ce_ headers on input if any service left that support switched on.
        record.headers().add("message-type", "cloudevent".getBytes(UTF_8));
        send(record);

        String documentId = documentIdOf(input);
        ConsumerRecord<String, byte[]> answer = recorder.await(
                outputTopic(),
                r -> documentId.equals(r.key())
                        && documentId.equals(TopicRecorder.header(r, CloudEventHeaders.SUBJECT)
                                .orElse(null)),
                WAIT);
        log.info(
                "Round trip on the broker: {} written to {} with key {}; {} answered on {} at offset {}",
                EventTypes.typeOf(input.getClass()),
                inputTopic(),
                keyOf(input),
                TopicRecorder.header(answer, CloudEventHeaders.TYPE).orElse("?"),
                answer.topic(),
                answer.offset());
        // The same trace; the span id is the stage's own producer span (a child of the consumer
        // span that continued the record's), as a tracer propagates it.
        assertThat(TopicRecorder.header(answer, CloudEventHeaders.TRACEPARENT))
                .hasValueSatisfying(answered -> assertThat(answered)
                        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                        .startsWith(traceparent.substring(0, 36)));
        assertThat(TopicRecorder.header(answer, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
        assertThat(TopicRecorder.header(answer, CloudEventHeaders.ID)).isPresent();
        assertThat(TopicRecorder.header(answer, CloudEventHeaders.SOURCE))
                .hasValueSatisfying(s -> assertThat(s).startsWith("/"));
        assertAnswer(input, answer.value());
    }

    @Test
    void deadLettersARecordWhoseHeadersContradictItsPayload() {
        Object input = sampleInput(UUID.randomUUID().toString());
        ProducerRecord<String, Object> record = new ProducerRecord<>(inputTopic(), keyOf(input), input);
        // A producer that labels one event as another: processing it could misfile an outcome.
        record.headers()
                .add(
                        CloudEventHeaders.TYPE,
                        EventTypes.typeOf(DocumentFailed.class).getBytes(UTF_8));
        send(record);

        ConsumerRecord<String, byte[]> dead = recorder.await(
                Topics.deadLetter(inputTopic(), consumerGroup()),
                r -> keyOf(input).equals(r.key()),
                WAIT);
        assertThat(TopicRecorder.header(dead, "x-original-topic")).contains(inputTopic());
        assertThat(TopicRecorder.header(dead, "x-exception-stacktrace"))
                .hasValueSatisfying(trace -> assertThat(trace).contains(CloudEventHeaders.TYPE));
        assertThat(recorder.seen(outputTopic()))
                .noneMatch(r -> documentIdOf(input).equals(r.key()));
    }

    @Test
    void deadLettersAnUnreadableRecordUnchanged() {
        String key = "poison-" + UUID.randomUUID();
        byte[] garbage = "{\"schemaVersion\": 1, \"documentId\": ".getBytes(UTF_8);
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.rawProducer(broker.getBrokersAsString())) {
            producer.send(new ProducerRecord<>(inputTopic(), key, garbage));
        }

        ConsumerRecord<String, byte[]> dead =
                recorder.await(Topics.deadLetter(inputTopic(), consumerGroup()), r -> key.equals(r.key()), WAIT);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(TopicRecorder.header(dead, "x-exception-message")).isPresent();
        assertThat(TopicRecorder.header(dead, "x-original-topic")).contains(inputTopic());
    }

    /**
     * For a stage that consumes whole polls (messaging's BatchedStage): documents that arrive
     * together are answered in one transaction, not one each, and an unreadable record among them
     * is dead-lettered alone while the others are answered. Each committed transaction leaves one
     * marker in every partition it wrote, so the output topic grows by the answers plus the markers.
     */
    protected void assertAPollCommitsInOneTransaction() throws Exception {
        // The stage runs and its output topic exists.
        Object first = sampleInput(UUID.randomUUID().toString());
        send(new ProducerRecord<>(inputTopic(), keyOf(first), first));
        recorder.await(outputTopic(), r -> documentIdOf(first).equals(r.key()), WAIT);

        int documents = 30;
        List<Object> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < documents; i++) {
            inputs.add(sampleInput(UUID.randomUUID().toString()));
        }
        String poison = "poison-" + UUID.randomUUID();
        try (org.apache.kafka.clients.admin.Admin admin = KafkaTestClients.admin(broker.getBrokersAsString())) {
            long before = endOffsets(admin, outputTopic());
            // One producer transaction: the stage's consumer sees all of them at once, in one poll.
            try (KafkaProducer<String, byte[]> producer =
                            KafkaTestClients.transactionalRawProducer(broker.getBrokersAsString());
                    var serializer = new dev.signingsuite.events.kafka.EventSerializer()) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < documents; i++) {
                    if (i == documents / 2) {
                        producer.send(new ProducerRecord<>(inputTopic(), poison, "not an event".getBytes(UTF_8)));
                    }
                    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
                    byte[] value = serializer.serialize(inputTopic(), headers, inputs.get(i));
                    producer.send(new ProducerRecord<>(inputTopic(), null, keyOf(inputs.get(i)), value, headers));
                }
                producer.commitTransaction();
            }
            for (Object input : inputs) {
                recorder.await(outputTopic(), r -> documentIdOf(input).equals(r.key()), WAIT);
            }
            recorder.await(Topics.deadLetter(inputTopic(), consumerGroup()), r -> poison.equals(r.key()), WAIT);
            long markers = endOffsets(admin, outputTopic()) - before - documents;
            log.info("{} answers on {} committed with {} transaction markers", documents, outputTopic(), markers);
            // One transaction per record would leave one marker per answer.
            assertThat(markers).isPositive().isLessThanOrEqualTo(documents / 3);
        }
    }

    /**
     * For a stage that answers in transactions: after its producers were fenced mid-run (what a
     * killed or slow broker does), the documents of the poll whose commit failed are answered
     * anyway. spring-kafka does not roll such a poll back; without messaging's FencedRestart the
     * consumer went on past it and the next commit skipped its records for good.
     */
    protected void assertAFencedPollIsDeliveredAgain() throws Exception {
        Object first = sampleInput(UUID.randomUUID().toString());
        send(new ProducerRecord<>(inputTopic(), keyOf(first), first));
        recorder.await(outputTopic(), r -> documentIdOf(first).equals(r.key()), WAIT);

        List<String> fenced = KafkaTestClients.fenceProducers(broker.getBrokersAsString(), applicationName + "-");
        assertThat(fenced).as("the stage's transactional producers").isNotEmpty();

        List<Object> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Object input = sampleInput(UUID.randomUUID().toString());
            inputs.add(input);
            send(new ProducerRecord<>(inputTopic(), keyOf(input), input));
        }
        for (Object input : inputs) {
            recorder.await(outputTopic(), r -> documentIdOf(input).equals(r.key()), WAIT.multipliedBy(2));
        }
    }

    /**
     * For a stage with an interactive lane (ADR 16): while a bulk backlog waits on the bulk input
     * and the bulk consumers are stopped (so the backlog cannot drain before the assertion, however
     * fast or slow the machine), a document of the interactive lane is answered; the backlog is
     * answered once the bulk consumers run again. Fails if the lanes share a consumer or a topic.
     *
     * @param stopBulk stops the bulk binding's consumers (e.g. {@code BindingsLifecycleController})
     * @param startBulk starts them again
     * @param interactiveInput a valid input of the interactive lane, unique by reference
     */
    protected void assertInteractiveWorkPassesABulkBacklog(
            Runnable stopBulk,
            Runnable startBulk,
            String interactiveInputTopic,
            java.util.function.Function<String, Object> interactiveInput,
            String interactiveOutputTopic) {
        // Enough for several polls; the stopped consumers, not the size, keep it queued.
        int backlog = 50;
        List<Object> bulk = new java.util.ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            bulk.add(sampleInput(UUID.randomUUID().toString()));
        }
        java.util.Set<String> bulkIds = new java.util.HashSet<>();
        bulk.forEach(input -> bulkIds.add(documentIdOf(input)));
        Object interactive = interactiveInput.apply(UUID.randomUUID().toString());
        try (TopicRecorder interactiveAnswers =
                TopicRecorder.open(broker.getBrokersAsString(), List.of(interactiveOutputTopic))) {
            stopBulk.run();
            long started;
            try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
                for (Object input : bulk) {
                    producer.send(new ProducerRecord<>(inputTopic(), keyOf(input), input));
                }
                producer.flush();
                started = System.nanoTime();
                producer.send(new ProducerRecord<>(interactiveInputTopic, keyOf(interactive), interactive));
                producer.flush();

                interactiveAnswers.await(
                        interactiveOutputTopic, r -> documentIdOf(interactive).equals(r.key()), WAIT);
                log.info(
                        "Interactive document answered in {} ms with {} bulk documents queued",
                        Duration.ofNanos(System.nanoTime() - started).toMillis(),
                        backlog);
                assertThat(recorder.seen(outputTopic()))
                        .as("the bulk backlog is still queued behind its stopped consumers")
                        .noneMatch(r -> bulkIds.contains(r.key()));
            } finally {
                startBulk.run();
            }
        }
        long restarted = System.nanoTime();
        // A loaded machine augments or validates a few documents a second.
        Awaitility.await()
                .atMost(WAIT.multipliedBy(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> recorder.seen(outputTopic()).stream()
                        .map(ConsumerRecord::key)
                        .toList()
                        .containsAll(bulkIds));
        log.info(
                "Bulk backlog of {} answered {} ms after its consumers started again",
                backlog,
                Duration.ofNanos(System.nanoTime() - restarted).toMillis());
    }

    private static long endOffsets(org.apache.kafka.clients.admin.Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions();
        var request = new java.util.HashMap<
                org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
        partitions.forEach(p -> request.put(
                new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream()
                .mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
    }

    private void send(ProducerRecord<String, Object> record) {
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            producer.send(record);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(WAIT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
