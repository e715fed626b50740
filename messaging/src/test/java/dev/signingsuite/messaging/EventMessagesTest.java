package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.MimeTypeUtils;

class EventMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final DocumentFailed FAILED = new DocumentFailed(
            DocumentFailed.SCHEMA_VERSION,
            "doc-1",
            "batch-1",
            "demo",
            "ref-1",
            FailureStage.HASH,
            FailureReason.INVALID_DOCUMENT,
            "not a PDF",
            NOW);

    private final EventMessages messages =
            new EventMessages("/signing-suite/hash-service", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void writesCloudEventsHeadersAndKeysByDocument() {
        Message<DocumentFailed> message = messages.toMessage(FAILED);

        MessageHeaders headers = message.getHeaders();
        assertThat(headers.get(KafkaHeaders.KEY)).isEqualTo("doc-1".getBytes(UTF_8));
        assertThat(headers.get(CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(headers.get(CloudEventHeaders.TYPE)).isEqualTo("dev.signingsuite.document-failed.v1");
        assertThat(headers.get(CloudEventHeaders.SOURCE)).isEqualTo("/signing-suite/hash-service");
        assertThat(headers.get(CloudEventHeaders.SUBJECT)).isEqualTo("doc-1");
        assertThat(headers.get(CloudEventHeaders.TIME)).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(headers.get(CloudEventHeaders.ID, String.class)).hasSize(36);
        assertThat(headers).doesNotContainKey(CloudEventHeaders.TRACEPARENT);
        assertThat(messages.toMessage(FAILED).getHeaders().get(CloudEventHeaders.ID))
                .as("every event has its own id")
                .isNotEqualTo(headers.get(CloudEventHeaders.ID));
    }

    @Test
    void continuesTheTraceOfTheEventThatCausedIt() {
        InboundEnvelope cause = new InboundEnvelope(
                "1.0", "c-1", "t", "/s", "doc-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        Message<DocumentFailed> message = messages.toMessage(FAILED, cause);

        assertThat(message.getHeaders().get(CloudEventHeaders.TRACEPARENT))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Test
    void converterWritesAndReadsTheSharedSerde() {
        EventMessageConverter converter = new EventMessageConverter();
        Message<?> written = converter.toMessage(
                FAILED,
                new MessageHeaders(java.util.Map.of(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON)));

        assertThat(written).isNotNull();
        byte[] json = (byte[]) written.getPayload();
        assertThat(EventJson.read(json, DocumentFailed.class).message()).isEqualTo("not a PDF");
        Message<byte[]> withoutContentType = org.springframework.messaging.support.MessageBuilder.withPayload(json)
                .build();
        assertThat(converter.fromMessage(withoutContentType, DocumentFailed.class))
                .as("records from plain producers carry no Spring contentType")
                .isInstanceOf(DocumentFailed.class);
        assertThat(converter.fromMessage(withoutContentType, String.class)).isNull();
    }
}
