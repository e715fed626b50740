package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.TraceContext;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.OtlpReceiver.ReceivedSpan;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spans exported over OTLP, proven without a mocked tracer: the standalone suite, with its one
 * {@code standalone.services.properties} entry pointing every service's OTLP exporter at a receiver
 * in this test, seals documents through the CSC provider (a batching provider), through Smart-ID
 * (a remote session and its poller) and through a REST upload. Every document must be one trace
 * holding spans of every stage, linked parent to child across each Kafka hop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    private OtlpReceiver receiver;
    private ConfigurableApplicationContext suite;
    /** Document id → the provider that signed it. */
    private final Map<String, Provider> documents = new TreeMap<>();

    private String restUpload;

    @BeforeAll
    void startSuiteAndSeal() throws Exception {
        receiver = OtlpReceiver.start();
        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"),
                "--standalone.ready-banner=false",
                "--standalone.services.properties[management.opentelemetry.tracing.export.otlp.endpoint]="
                        + receiver.endpoint(),
                "--standalone.services.properties[management.opentelemetry.tracing.export.schedule-delay]=200ms"));

        seal(Provider.CSC, 3);
        seal(Provider.SMARTID, 2);
        restUpload = uploadOverRest();
        documents.put(restUpload, Provider.CSC);
        assertThat(documents).hasSize(6);
    }

    @AfterAll
    void stop() {
        if (suite != null) {
            suite.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void everyDocumentIsOneTraceThroughEveryStageLinkedAcrossEachKafkaHop() throws Exception {
        Map<String, String> traceIds = traceIdsOfAssembledDocuments();
        assertThat(traceIds.keySet()).containsAll(documents.keySet());
        assertThat(Set.copyOf(traceIds.values()))
                .as("every document is a trace of its own")
                .hasSize(traceIds.size());

        awaitSpans(traceIds);
        assertThat(receiver.problems()).isEmpty();

        Map<String, List<ReceivedSpan>> byTrace =
                receiver.spans().stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
        documents.forEach((document, provider) -> {
            List<ReceivedSpan> trace = byTrace.get(traceIds.get(document));
            String what = "spans of document " + document + ": " + trace;
            assertThat(trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet()))
                    .as(what)
                    .containsAll(stages(provider));
            assertThat(trace.stream()
                            .filter(span -> span.kind().equals("SPAN_KIND_PRODUCER"))
                            .map(ReceivedSpan::service)
                            .collect(Collectors.toSet()))
                    .as("every stage sends the document's next event within its trace: " + what)
                    .containsAll(stages(provider));

            if (provider == Provider.SMARTID) {
                assertThat(trace)
                        .as("the Smart-ID session is started over HTTP within the document's trace: " + what)
                        .anyMatch(span -> span.service().equals("provider-smartid")
                                && span.kind().equals("SPAN_KIND_CLIENT"));
            }

            Map<String, ReceivedSpan> byId =
                    trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
            assertThat(byId).as("span ids are unique: " + what).hasSize(trace.size());
            List<ReceivedSpan> roots = trace.stream()
                    .filter(span -> !byId.containsKey(span.parentSpanId()))
                    .toList();
            assertThat(roots)
                    .as("one span starts the trace (the intake), every other has its parent in it: " + what)
                    .hasSize(1);
            assertThat(roots.get(0).service()).isEqualTo("gateway");

            // Across each hop: a stage's consumer span is the child of the previous stage's producer span.
            List<ReceivedSpan> hops = trace.stream()
                    .filter(span -> span.kind().equals("SPAN_KIND_CONSUMER"))
                    .filter(span -> byId.containsKey(span.parentSpanId()))
                    .toList();
            for (ReceivedSpan hop : hops) {
                ReceivedSpan parent = byId.get(hop.parentSpanId());
                assertThat(parent.kind()).as("parent of %s in %s", hop, what).isEqualTo("SPAN_KIND_PRODUCER");
            }
            assertThat(hops.stream().map(ReceivedSpan::service).collect(Collectors.toSet()))
                    .as("stages whose consumer span continues the previous stage's producer span: " + what)
                    .containsAll(stages(provider).subList(1, 5));
        });
    }

    @Test
    void aRestUploadStartsItsTraceAtTheGatewaysHttpServerSpan() throws Exception {
        Map<String, String> traceIds = traceIdsOfAssembledDocuments();
        awaitSpans(traceIds);
        List<ReceivedSpan> roots = receiver.spans().stream()
                .filter(span -> span.traceId().equals(traceIds.get(restUpload)))
                .filter(ReceivedSpan::isRoot)
                .toList();
        assertThat(roots).hasSize(1);
        assertThat(roots.get(0).service()).isEqualTo("gateway");
        assertThat(roots.get(0).kind()).isEqualTo("SPAN_KIND_SERVER");
    }

    private static List<String> stages(Provider provider) {
        return List.of(
                "gateway",
                "hash-service",
                "provider-" + provider.name().toLowerCase(java.util.Locale.ROOT),
                "augmentation-service",
                "container-service");
    }

    private void seal(Provider provider, int count) throws Exception {
        Path in = Files.createDirectories(work.resolve("in-" + provider));
        for (int i = 1; i <= count; i++) {
            Files.writeString(in.resolve(provider + "-" + i + ".xml"), "<Invoice><ID>" + i + "</ID></Invoice>");
        }
        Set<String> before = traceIdsOfAssembledDocuments().keySet();
        SealReport report;
        try (PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, UTF_8)) {
            report = SealCommand.run(
                    suite, new SealOptions(in, work.resolve("out-" + provider), SignatureLevel.LT, provider), console);
        }
        assertThat(report.outcomes()).filteredOn(SealOutcome::succeeded).hasSize(count);
        traceIdsOfAssembledDocuments().keySet().stream()
                .filter(id -> !before.contains(id))
                .forEach(id -> documents.put(id, provider));
    }

    /** One file over {@code POST /v1/batches}, followed to its end through the status API. */
    private String uploadOverRest() throws Exception {
        int port = suite.getBean(SuiteServices.class).running().stream()
                .filter(service -> service.name().equals("gateway"))
                .findFirst()
                .orElseThrow()
                .port();
        String boundary = "boundary" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"rest.xml\"\r\n"
                + "Content-Type: application/xml\r\n\r\n"
                + "<Invoice><ID>rest</ID></Invoice>\r\n"
                + field(boundary, "provider", "csc")
                + field(boundary, "signer", "sandbox-seal")
                + field(boundary, "level", "LT")
                + "--" + boundary + "--\r\n";
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpResponse<String> accepted = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/v1/batches"))
                        .header("X-API-Key", "demo-key")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String documentId = JSON.readTree(accepted.body())
                .path("documents")
                .get(0)
                .path("documentId")
                .asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String state = "";
        while (System.nanoTime() < deadline && !state.equals("ASSEMBLED") && !state.equals("FAILED")) {
            Thread.sleep(200);
            JsonNode status = JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(base.resolve("/v1/documents/" + documentId))
                                    .header("X-API-Key", "demo-key")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            state = status.path("status").asString().toUpperCase(java.util.Locale.ROOT);
        }
        assertThat(state).as("document %s uploaded over REST", documentId).isEqualTo("ASSEMBLED");
        return documentId;
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    /** Until every document's trace holds a producer span of each of its stages (export is batched). */
    private void awaitSpans(Map<String, String> traceIds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<ReceivedSpan> spans = receiver.spans();
            boolean complete = documents.entrySet().stream()
                    .allMatch(document -> spans.stream()
                            .filter(span -> span.traceId().equals(traceIds.get(document.getKey())))
                            .filter(span -> span.kind().equals("SPAN_KIND_PRODUCER"))
                            .map(ReceivedSpan::service)
                            .collect(Collectors.toSet())
                            .containsAll(stages(document.getValue())));
            if (complete) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Document id → trace id of its ContainerAssembled record, as the header on Kafka says. */
    private Map<String, String> traceIdsOfAssembledDocuments() {
        Map<String, String> traceIds = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        suite.getBean(KafkaBroker.class).bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = Topics.defaults().containerAssembled().name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
                    assertThat(header).as("traceparent of %s", record.key()).isNotNull();
                    assertThat(record.headers().headers(CloudEventHeaders.TRACEPARENT))
                            .as("one traceparent header, not ours and the tracer's")
                            .hasSize(1);
                    String value = new String(header.value(), UTF_8);
                    traceIds.put(
                            record.key(), TraceContext.traceId(value).orElseThrow(() -> new AssertionError(value)));
                }
            }
        }
        return traceIds;
    }
}
