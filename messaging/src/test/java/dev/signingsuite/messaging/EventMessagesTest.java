package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
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
        assertThat(TraceContext.traceId(headers.get(CloudEventHeaders.TRACEPARENT, String.class)))
                .as("the first event of a path starts a trace")
                .isPresent();
        assertThat(headers.get(EventMessages.STARTED_AT)).isEqualTo(Long.toString(NOW.toEpochMilli()));
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
    void startsATraceWhenTheCauseHadNoneAndEveryPathGetsItsOwn() {
        InboundEnvelope untraced = new InboundEnvelope("1.0", "c-1", "t", "/s", "doc-1", null);

        String first =
                messages.toMessage(FAILED, untraced).getHeaders().get(CloudEventHeaders.TRACEPARENT, String.class);
        String second =
                messages.toMessage(FAILED, untraced).getHeaders().get(CloudEventHeaders.TRACEPARENT, String.class);

        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceContext.traceId(first)).isNotEqualTo(TraceContext.traceId(second));
    }

    @Test
    void terminalEventsRecordTheirFailureReasonAndTheTimeSinceIntake() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        EventMessages metered =
                new EventMessages("/signing-suite/hash-service", Clock.fixed(NOW, ZoneOffset.UTC), meters);
        Instant intake = NOW.minusSeconds(3);
        InboundEnvelope cause =
                new InboundEnvelope("1.0", "c-1", "t", "/s", "doc-1", null, Long.toString(intake.toEpochMilli()));

        Message<DocumentFailed> message = metered.toMessage(FAILED, cause);

        assertThat(message.getHeaders().get(EventMessages.STARTED_AT))
                .as("the intake time travels on")
                .isEqualTo(Long.toString(intake.toEpochMilli()));
        assertThat(meters.get(SigningMeters.DOCUMENT_FAILURES)
                        .tag("stage", "hash")
                        .tag("reason", "invalid_document")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        Timer duration = meters.get(SigningMeters.DOCUMENT_DURATION)
                .tag("outcome", "failed")
                .timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000.0);
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
