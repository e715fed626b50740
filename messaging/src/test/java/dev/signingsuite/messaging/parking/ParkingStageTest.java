package dev.signingsuite.messaging.parking;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.messaging.StageFunction;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** The deadline and the meters of parking, without a broker: the container's part is in the ITs. */
class ParkingStageTest {

    static final class ServiceAway extends RuntimeException {
        ServiceAway() {
            super("responder away");
        }
    }

    private static final Topics TOPICS = Topics.withPrefix("acme");
    private static final ParkingProperties PARKING =
            new ParkingProperties(Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofMinutes(1), 2);

    // Record timestamps have milliseconds.
    private final MutableClock clock = TestClock.startingAt(TestClock.now().truncatedTo(ChronoUnit.MILLIS));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EventMessages messages = new EventMessages("/test/stage", clock, meters);
    private final List<String> expired = new ArrayList<>();
    private final ParkedBinding binding = new ParkedBinding("in-0", "testing", ServiceAway.class);

    @Test
    void aTransientFailureWithinTheDeadlinePropagatesAndIsCountedAsParked() {
        Instant written = clock.instant();
        ParkingStage<DocumentReceived> stage = stage(message -> {
            throw new IllegalStateException("wrapped by the binding", new ServiceAway());
        });

        clock.advance(Duration.ofMinutes(30));
        assertThatThrownBy(() -> stage.apply(inbound("doc-1", written))).hasRootCauseInstanceOf(ServiceAway.class);

        assertThat(gauge("signing.parked.documents")).isEqualTo(1);
        assertThat(gauge("signing.parked.oldest.age")).isEqualTo(1800);
        assertThat(expired).isEmpty();
    }

    @Test
    void pastTheDeadlineTheStageAnswersWithTheExpiryFailureOnTheFailedTopic() {
        Instant written = clock.instant();
        ParkingStage<DocumentReceived> stage = stage(message -> {
            throw new ServiceAway();
        });
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> stage.apply(inbound("doc-2", written))).isInstanceOf(ServiceAway.class);

        clock.advance(Duration.ofHours(23));
        Message<DocumentEvent> answer = stage.apply(inbound("doc-2", written));

        assertThat(answer.getPayload()).isInstanceOfSatisfying(DocumentFailed.class, failed -> {
            assertThat(failed.documentId()).isEqualTo("doc-2");
            assertThat(failed.reason()).isEqualTo(FailureReason.REVOCATION_UNAVAILABLE);
        });
        assertThat(answer.getHeaders().get(RoutedStage.SEND_TO))
                .isEqualTo(TOPICS.documentFailed().name());
        assertThat(expired).containsExactly("doc-2 since " + written);
        assertThat(gauge("signing.parked.documents")).isZero();
        assertThat(meters.counter("signing.documents", "stage", "testing", "outcome", "failed")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theDeadlinesAnswerIsHandedToTheStageItAnswersFor() {
        Instant written = clock.instant();
        List<DocumentEvent> remembered = new ArrayList<>();
        ParkingStage<DocumentReceived> stage = stage(new StageFunction<>() {
            @Override
            public Message<DocumentEvent> apply(Message<DocumentReceived> message) {
                throw new ServiceAway();
            }

            @Override
            public void recordAnswer(Message<?> message, DocumentEvent outcome) {
                remembered.add(outcome);
            }
        });

        clock.advance(Duration.ofHours(25));
        Message<DocumentEvent> answer = stage.apply(inbound("doc-5", written));

        assertThat(remembered).containsExactly(answer.getPayload());
    }

    @Test
    void otherFailuresPropagateAtAnyAgeAndSuccessReleasesTheDocument() {
        Instant written = clock.instant();
        boolean[] away = {true};
        ParkingStage<DocumentReceived> stage = stage(message -> {
            if (away[0]) {
                throw new ServiceAway();
            }
            return MessageBuilder.withPayload((DocumentEvent) message.getPayload())
                    .build();
        });
        assertThatThrownBy(() -> stage.apply(inbound("doc-3", written))).isInstanceOf(ServiceAway.class);
        assertThat(gauge("signing.parked.documents")).isEqualTo(1);

        away[0] = false;
        assertThat(stage.apply(inbound("doc-3", written)).getPayload()).isInstanceOf(DocumentReceived.class);
        assertThat(gauge("signing.parked.documents")).isZero();

        ParkingStage<DocumentReceived> broken = stage(message -> {
            throw new IllegalArgumentException("poison");
        });
        clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> broken.apply(inbound("doc-4", written))).isInstanceOf(IllegalArgumentException.class);
        assertThat(expired).isEmpty();
    }

    @Test
    void refusesADelayThatWouldOutlastThePollInterval() {
        assertThatThrownBy(() ->
                        new ParkingProperties(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(5), 2))
                .hasMessageContaining("max.poll.interval.ms");
    }

    private ParkingStage<DocumentReceived> stage(StageFunction<DocumentReceived> work) {
        return ParkingStage.around(
                work,
                binding,
                (received, cause, since) -> {
                    expired.add(received.documentId() + " since " + since);
                    return new DocumentFailed(
                            DocumentFailed.SCHEMA_VERSION,
                            received.documentId(),
                            received.batchId(),
                            received.tenantId(),
                            received.clientReference(),
                            FailureStage.AUGMENTATION,
                            FailureReason.REVOCATION_UNAVAILABLE,
                            cause.getMessage(),
                            clock.instant());
                },
                PARKING,
                messages,
                TOPICS,
                meters,
                clock);
    }

    private double gauge(String name) {
        return meters.get(name).tag("stage", "testing").gauge().value();
    }

    private Message<DocumentReceived> inbound(String documentId, Instant written) {
        DocumentReceived received = new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                documentId,
                "batch-1",
                "demo",
                null,
                new SignerRef(Provider.CSC, "sandbox-seal"),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                List.of(new DataFile(
                        "a.pdf", new BlobRef("fs:demo/" + "0".repeat(64), 1, "application/pdf", "0".repeat(64)))),
                written);
        return MessageBuilder.withPayload(received)
                .setHeader(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8))
                .setHeader(CloudEventHeaders.ID, "id-1".getBytes(UTF_8))
                .setHeader(
                        CloudEventHeaders.TYPE,
                        EventTypes.typeOf(DocumentReceived.class).getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SOURCE, "/signing-suite/gateway".getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SUBJECT, documentId.getBytes(UTF_8))
                .setHeader(KafkaHeaders.RECEIVED_TIMESTAMP, written.toEpochMilli())
                .build();
    }
}
