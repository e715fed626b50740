package dev.signingsuite.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private static final Instant NOW = Instant.parse("2025-11-23T09:15:40.250Z");
    private static final DocumentFailed FAILED = new DocumentFailed(
            1,
            "doc-1",
            "batch-1",
            "acme",
            "INV-1",
            FailureStage.PROVIDER,
            FailureReason.TIMEOUT,
            "The signer did not answer in time",
            NOW);

    private final EventSerializer serializer = new EventSerializer(Clock.fixed(NOW, ZoneOffset.UTC));
    private final EventDeserializer deserializer = new EventDeserializer();
    private final String topic = Topics.defaults().documentFailed().name();

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void writesCloudEventsHeaders() {
        serializer.configure(Map.of(EventSerializer.SOURCE_CONFIG, "/signing-suite/provider-smartid"), false);
        Headers headers = new RecordHeaders();

        byte[] json = serializer.serialize(topic, headers, FAILED);

        assertThat(EventJson.read(json, DocumentFailed.class)).isEqualTo(FAILED);
        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(UUID.fromString(header(headers, "ce_id"))).isNotNull();
        assertThat(header(headers, "ce_type")).isEqualTo("dev.signingsuite.document-failed.v1");
        assertThat(header(headers, "ce_source")).isEqualTo("/signing-suite/provider-smartid");
        assertThat(header(headers, "ce_time")).isEqualTo("2025-11-23T09:15:40.250Z");
        assertThat(header(headers, "ce_subject")).isEqualTo("doc-1");
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        assertThat(headers.lastHeader(CloudEventHeaders.TRACEPARENT)).isNull();
    }

    @Test
    void keepsHeadersAlreadySet() {
        Headers headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, "upstream-id".getBytes(StandardCharsets.UTF_8));

        serializer.serialize(topic, headers, FAILED);

        assertThat(headers.headers(CloudEventHeaders.ID)).hasSize(1);
        assertThat(header(headers, CloudEventHeaders.ID)).isEqualTo("upstream-id");
        assertThat(header(headers, CloudEventHeaders.SOURCE)).isEqualTo(EventSerializer.DEFAULT_SOURCE);
    }

    @Test
    void intakeHasNoSubject() throws IOException {
        Headers headers = new RecordHeaders();
        DocumentSubmitted submitted = EventJson.read(golden("document-submitted"), DocumentSubmitted.class);

        serializer.serialize(Topics.defaults().intake().name(), headers, submitted);

        assertThat(header(headers, CloudEventHeaders.TYPE)).isEqualTo("dev.signingsuite.document-submitted.v1");
        assertThat(headers.lastHeader(CloudEventHeaders.SUBJECT)).isNull();
    }

    @Test
    void refusesObjectsOutsideTheContract() {
        assertThatThrownBy(() -> serializer.serialize(topic, new RecordHeaders(), "text"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void readsByTheTypeHeader() {
        Headers headers = new RecordHeaders();
        byte[] json = serializer.serialize(topic, headers, FAILED);

        assertThat(deserializer.deserialize("some-unregistered-topic", headers, json))
                .isEqualTo(FAILED);
    }

    @Test
    void fallsBackToTheTopicUnderAnyPrefix() throws IOException {
        byte[] json = golden("document-submitted");

        Object read = deserializer.deserialize("acme.staging.intake.v1", new RecordHeaders(), json);

        assertThat(read).isInstanceOf(DocumentSubmitted.class);
        assertThat(deserializer.deserialize(topic, EventJson.write(FAILED))).isEqualTo(FAILED);
    }

    @Test
    void failsNamingTopicAndReason() {
        byte[] json = EventJson.write(FAILED);
        assertThatThrownBy(() -> deserializer.deserialize("other.topic", new RecordHeaders(), json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("other.topic")
                .hasMessageContaining("no ce_type header");

        Headers unknownType = new RecordHeaders();
        unknownType.add(CloudEventHeaders.TYPE, "dev.signingsuite.mystery.v1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> deserializer.deserialize(topic, unknownType, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("unknown ce_type 'dev.signingsuite.mystery.v1'");

        byte[] broken = "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer.deserialize(topic, new RecordHeaders(), broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("DocumentFailed")
                .hasMessageContaining("documentId");
    }

    @Test
    void nullPayloadsAreTombstones() {
        assertThat(serializer.serialize(topic, new RecordHeaders(), null)).isNull();
        assertThat(deserializer.deserialize(topic, new RecordHeaders(), (byte[]) null))
                .isNull();
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = EventSerdeTest.class.getResourceAsStream("/golden/" + name + ".v1.json")) {
            return in.readAllBytes();
        }
    }
}
