package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class InboundEnvelopeTest {

    private static final DocumentReceived EVENT = new DocumentReceived(
            DocumentReceived.SCHEMA_VERSION,
            "doc-1",
            "batch-1",
            "demo",
            null,
            new SignerRef(Provider.CSC, "sandbox-seal"),
            SignatureFormat.ASIC_E_CADES,
            SignatureLevel.LT,
            List.of(new DataFile(
                    "a.pdf", new BlobRef("fs:demo/" + "0".repeat(64), 1, "application/pdf", "0".repeat(64)))),
            Instant.parse("2026-11-23T08:00:00Z"));

    @Test
    void readsHeadersWrittenAsBytesByPlainKafkaProducersAndAsStringsBySpring() {
        Message<DocumentReceived> message = MessageBuilder.withPayload(EVENT)
                .setHeader(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8))
                .setHeader(CloudEventHeaders.ID, "id-1")
                .setHeader(
                        CloudEventHeaders.TYPE,
                        EventTypes.typeOf(DocumentReceived.class).getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SOURCE, "/back-office")
                .setHeader(CloudEventHeaders.SUBJECT, "doc-1".getBytes(UTF_8))
                .setHeader(CloudEventHeaders.TRACEPARENT, "00-abc-def-01")
                .build();

        InboundEnvelope envelope = InboundEnvelope.of(message);

        assertThat(envelope.type()).isEqualTo("dev.signingsuite.document-received.v1");
        assertThat(envelope.subject()).isEqualTo("doc-1");
        assertThat(envelope.traceparent()).contains("00-abc-def-01");
        envelope.requireDescribes(EVENT);
    }

    @Test
    void refusesATypeThatContradictsThePayload() {
        InboundEnvelope envelope = envelope(EventTypes.typeOf(DocumentFailed.class), "doc-1");

        assertThatThrownBy(() -> envelope.requireDescribes(EVENT))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessageContaining("ce_type")
                .hasMessageContaining("document-failed");
    }

    @Test
    void refusesASubjectThatNamesAnotherDocument() {
        InboundEnvelope envelope = envelope(EventTypes.typeOf(DocumentReceived.class), "doc-2");

        assertThatThrownBy(() -> envelope.requireDescribes(EVENT))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessageContaining("ce_subject");
    }

    @Test
    void refusesMissingHeaders() {
        InboundEnvelope envelope =
                InboundEnvelope.of(MessageBuilder.withPayload(EVENT).build());

        assertThat(envelope.traceparent()).isEmpty();
        assertThatThrownBy(() -> envelope.requireDescribes(EVENT))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessageContaining("ce_specversion");
    }

    private static InboundEnvelope envelope(String type, String subject) {
        return new InboundEnvelope("1.0", "id-1", type, "/back-office", subject, null);
    }
}
