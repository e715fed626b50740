package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.SigningHeaders;
import dev.signingsuite.events.Topics;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** The skeleton with a stand-in for a stage's work: routing, failure mapping, MDC, metrics. */
class RoutedStageTest {

    private static final Clock CLOCK = TestClock.frozenNow();
    private static final Topics TOPICS = Topics.withPrefix("acme");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final SignerRef SIGNER = new SignerRef(Provider.CSC, "sandbox-seal");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EventMessages messages = new EventMessages("/test/stage", CLOCK, meters);
    private final Logger log = (Logger) LoggerFactory.getLogger(RoutedStageTest.class.getName() + ".stage");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final List<Map<String, String>> contextDuringWork = new ArrayList<>();

    @BeforeEach
    void captureLog() {
        lines.start();
        log.addAppender(lines);
        log.setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @AfterEach
    void releaseLog() {
        log.detachAppender(lines);
    }

    @Test
    void anOutcomeGoesToTheNextTopicUnderTheDocumentsKeyAndTraceAndIsCountedAndTimed() {
        RoutedStage<DocumentReceived> stage = stage(received -> {
            contextDuringWork.add(MDC.getCopyOfContextMap());
            return received;
        });

        Message<DocumentEvent> answer = stage.apply(inbound(received("doc-1")));

        assertThat(answer.getHeaders().get(RoutedStage.SEND_TO)).isEqualTo("acme.document-received.v1");
        assertThat((byte[]) answer.getHeaders().get(KafkaHeaders.KEY)).isEqualTo("doc-1".getBytes(UTF_8));
        assertThat(answer.getHeaders().get(CloudEventHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(answer.getHeaders().get(CloudEventHeaders.SOURCE)).isEqualTo("/test/stage");
        assertThat(count("done")).isEqualTo(1.0);
        assertThat(count(RoutedStage.FAILED)).isZero();
        assertThat(timed()).isEqualTo(1);
        assertThat(contextDuringWork)
                .singleElement()
                .isEqualTo(Map.of("document.id", "doc-1", "batch.id", "batch-1", "provider", "csc"));
        assertThat(MDC.getCopyOfContextMap()).as("the MDC after the record").isNullOrEmpty();
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
            assertThat(line.getFormattedMessage()).isEqualTo("Done");
        });
    }

    @Test
    void aDocumentFailedGoesToTheFailedTopicAndIsCountedAsFailed() {
        RoutedStage<DocumentReceived> stage = stage(received -> failed(received.documentId(), received.batchId()));

        Message<DocumentEvent> answer = stage.apply(inbound(received("doc-2")));

        assertThat(answer.getPayload()).isInstanceOf(DocumentFailed.class);
        assertThat(answer.getHeaders().get(RoutedStage.SEND_TO)).isEqualTo("acme.document-failed.v1");
        assertThat(answer.getHeaders().get(CloudEventHeaders.TYPE)).isEqualTo(EventTypes.typeOf(DocumentFailed.class));
        assertThat(count(RoutedStage.FAILED)).isEqualTo(1.0);
        assertThat(count("done")).isZero();
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(line.getFormattedMessage()).isEqualTo("Stage failed: INVALID_DOCUMENT (unreadable)");
            assertThat(line.getMDCPropertyMap()).containsEntry("document.id", "doc-2");
        });
    }

    @Test
    void aTransientExceptionIsCountedAsRetriedAndPropagatesUnchangedForTheBinder() {
        UncheckedIOException outage = new UncheckedIOException(new IOException("store down"));
        RoutedStage<DocumentReceived> stage = stage(received -> {
            throw outage;
        });

        assertThatThrownBy(() -> stage.apply(inbound(received("doc-3")))).isSameAs(outage);
        assertThat(count(RoutedStage.RETRIED)).isEqualTo(1.0);
        assertThat(count(RoutedStage.FAILED)).isZero();
        assertThat(timed()).as("an attempt that failed is timed too").isEqualTo(1);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void anyOtherExceptionPropagatesUncountedSoThatTheBinderDeadLettersIt() {
        IllegalStateException bug = new IllegalStateException("bug");
        RoutedStage<DocumentReceived> stage = stage(received -> {
            throw bug;
        });

        assertThatThrownBy(() -> stage.apply(inbound(received("doc-4")))).isSameAs(bug);
        assertThat(count(RoutedStage.RETRIED)).isZero();
        assertThat(count(RoutedStage.FAILED)).isZero();
    }

    @Test
    void aRecordWhoseHeadersContradictItsPayloadIsRefusedBeforeAnyWork() {
        RoutedStage<DocumentReceived> stage = stage(received -> {
            contextDuringWork.add(Map.of());
            return received;
        });
        Message<DocumentReceived> mislabelled = MessageBuilder.fromMessage(inbound(received("doc-5")))
                .setHeader(CloudEventHeaders.SUBJECT, "another-document")
                .build();

        assertThatThrownBy(() -> stage.apply(mislabelled)).isInstanceOf(InvalidEnvelopeException.class);
        assertThat(contextDuringWork).isEmpty();
        assertThat(timed()).isZero();
    }

    @Test
    void everyOutcomeIsRegisteredAtZeroBeforeTheFirstRecord() {
        stage(received -> received);

        assertThat(count("done")).isZero();
        assertThat(count(RoutedStage.FAILED)).isZero();
        assertThat(count(RoutedStage.RETRIED)).isZero();
    }

    @Test
    void anIntakeRecordWithoutADocumentIdLogsItsOutcomeUnderTheIdTheWorkGaveIt() {
        Map<String, String> duringWork = new HashMap<>();
        RoutedStage<DocumentSubmitted> intake = RoutedStage.<DocumentSubmitted>named("gateway", submitted -> {
                    duringWork.putAll(Objects.requireNonNullElse(MDC.getCopyOfContextMap(), Map.of()));
                    return failed("doc-" + submitted.clientReference(), "batch-9");
                })
                .succeeding("accepted", submitted -> TOPICS.documentReceived().name())
                .logging(log, Level.DEBUG, "Intake accepted", "Intake rejected")
                .build(messages, TOPICS, meters);
        DocumentSubmitted submitted = new DocumentSubmitted(
                DocumentSubmitted.SCHEMA_VERSION,
                "demo",
                "ref-1",
                null,
                "a.xml",
                "application/xml",
                "<a/>".getBytes(UTF_8),
                SIGNER,
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT);
        Message<DocumentSubmitted> message = MessageBuilder.withPayload(submitted)
                .setHeader(CloudEventHeaders.SPEC_VERSION, "1.0")
                .setHeader(CloudEventHeaders.ID, "id-1")
                .setHeader(CloudEventHeaders.TYPE, EventTypes.typeOf(DocumentSubmitted.class))
                .setHeader(CloudEventHeaders.SOURCE, "/back-office")
                .build();

        Message<DocumentEvent> answer = intake.apply(message);

        assertThat(answer.getHeaders().get(RoutedStage.SEND_TO)).isEqualTo("acme.document-failed.v1");
        assertThat(duringWork).doesNotContainKey("document.id");
        assertThat(lines.list)
                .singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry("document.id", "doc-ref-1")
                        .containsEntry("batch.id", "batch-9"));
        assertThat(meters.get(SigningMeters.DOCUMENTS)
                        .tags("stage", "gateway", "outcome", RoutedStage.FAILED)
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void anAnsweringStageFailsTheDocumentOfAPermanentExceptionAndDeadLettersTheRecord() {
        List<Throwable> deadLetters = new ArrayList<>();
        IllegalStateException bug = new IllegalStateException("bug with secret detail");
        RoutedStage<DocumentReceived> stage = answering(
                received -> {
                    throw bug;
                },
                deadLetters);

        Message<DocumentEvent> answer = stage.apply(inbound(received("doc-6")));

        assertThat(answer.getPayload()).isInstanceOfSatisfying(DocumentFailed.class, failed -> {
            assertThat(failed.documentId()).isEqualTo("doc-6");
            assertThat(failed.stage()).isEqualTo(FailureStage.CONTAINER);
            assertThat(failed.reason()).isEqualTo(FailureReason.INTERNAL_ERROR);
            assertThat(failed.message()).contains("IllegalStateException").doesNotContain("secret");
        });
        assertThat(answer.getHeaders().get(RoutedStage.SEND_TO)).isEqualTo("acme.document-failed.v1");
        assertThat(deadLetters).containsExactly(bug);
        assertThat(count(RoutedStage.FAILED)).isEqualTo(1.0);
    }

    @Test
    void anExceptionTheStageMapsFailsTheDocumentForItsReasonWithItsMessage() {
        List<Throwable> deadLetters = new ArrayList<>();
        RoutedStage<DocumentReceived> stage = answering(
                received -> {
                    throw new IllegalArgumentException("name over 255 bytes");
                },
                deadLetters);

        Message<DocumentEvent> answer = stage.apply(inbound(received("doc-7")));

        assertThat(answer.getPayload()).isInstanceOfSatisfying(DocumentFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.INVALID_FILE_NAME);
            assertThat(failed.message()).isEqualTo("name over 255 bytes");
        });
        assertThat(deadLetters).hasSize(1);
    }

    @Test
    void anAnsweringStageStillLeavesTransientExceptionsToTheBinder() {
        List<Throwable> deadLetters = new ArrayList<>();
        RuntimeException outage = new RuntimeException("wrapped", new IOException("connection reset"));
        RoutedStage<DocumentReceived> stage = answering(
                received -> {
                    throw outage;
                },
                deadLetters);

        assertThatThrownBy(() -> stage.apply(inbound(received("doc-8")))).isSameAs(outage);
        assertThat(deadLetters).isEmpty();
        assertThat(count(RoutedStage.FAILED)).isZero();
    }

    @Test
    void theOutcomeCarriesTheInputsAttempt() {
        RoutedStage<DocumentReceived> stage = stage(received -> received);
        Message<DocumentReceived> again = MessageBuilder.fromMessage(inbound(received("doc-9")))
                .setHeader(SigningHeaders.ATTEMPT, "2".getBytes(UTF_8))
                .build();

        assertThat(stage.apply(again).getHeaders().get(SigningHeaders.ATTEMPT)).isEqualTo("2");
        assertThat(stage.apply(inbound(received("doc-10"))).getHeaders()).doesNotContainKey(SigningHeaders.ATTEMPT);
    }

    private RoutedStage<DocumentReceived> answering(
            Function<DocumentReceived, DocumentEvent> work, List<Throwable> deadLetters) {
        return RoutedStage.named("test", work)
                .succeeding("done", received -> TOPICS.documentReceived().name())
                .logging(log, Level.INFO, "Done", "Stage failed")
                .answering(FailureStage.CONTAINER, (message, cause) -> deadLetters.add(cause))
                .failingAs(IllegalArgumentException.class, FailureReason.INVALID_FILE_NAME)
                .build(messages, TOPICS, meters);
    }

    private RoutedStage<DocumentReceived> stage(Function<DocumentReceived, DocumentEvent> work) {
        return RoutedStage.named("test", work)
                .succeeding("done", received -> TOPICS.documentReceived().name())
                .mdc("provider", received -> received.signer().provider().id())
                .countingRetries(UncheckedIOException.class, "Store unavailable")
                .logging(log, Level.INFO, "Done", "Stage failed")
                .build(messages, TOPICS, meters);
    }

    private double count(String outcome) {
        return meters.get(SigningMeters.DOCUMENTS)
                .tags("stage", "test", "outcome", outcome)
                .counter()
                .count();
    }

    private long timed() {
        return meters.get(SigningMeters.STAGE_DURATION)
                .tag("stage", "test")
                .timer()
                .count();
    }

    private static DocumentFailed failed(String documentId, String batchId) {
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                documentId,
                batchId,
                "demo",
                null,
                FailureStage.HASH,
                FailureReason.INVALID_DOCUMENT,
                "unreadable",
                CLOCK.instant());
    }

    private static DocumentReceived received(String documentId) {
        return new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                documentId,
                "batch-1",
                "demo",
                null,
                SIGNER,
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                List.of(new DataFile(
                        "a.pdf", new BlobRef("fs:demo/" + "0".repeat(64), 1, "application/pdf", "0".repeat(64)))),
                CLOCK.instant());
    }

    private static Message<DocumentReceived> inbound(DocumentReceived received) {
        // As a plain Kafka producer's headers arrive: bytes.
        return MessageBuilder.withPayload(received)
                .setHeader(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8))
                .setHeader(CloudEventHeaders.ID, "id-1".getBytes(UTF_8))
                .setHeader(
                        CloudEventHeaders.TYPE,
                        EventTypes.typeOf(DocumentReceived.class).getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SOURCE, "/signing-suite/gateway".getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SUBJECT, received.documentId().getBytes(UTF_8))
                .setHeader(CloudEventHeaders.TRACEPARENT, TRACEPARENT.getBytes(UTF_8))
                .build();
    }
}
