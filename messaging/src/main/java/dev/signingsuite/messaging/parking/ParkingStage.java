package dev.signingsuite.messaging.parking;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.messaging.StageFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A stage's function with parking around it. A transient failure propagates, so that the listener
 * container redelivers the record with growing delays ({@link ParkingErrorHandling}); once the
 * record is older than the deadline, the stage answers with the {@link DocumentFailed} that its
 * {@link Expiry} writes instead. Parked documents are counted for the meters.
 */
public final class ParkingStage<I> implements Function<Message<I>, Message<DocumentEvent>> {

    /** What a stage does with a document whose deadline passed while a service stayed away. */
    @FunctionalInterface
    public interface Expiry<I> {

        /**
         * @param cause the declared transient failure of the last attempt
         * @param parkedSince the record's timestamp, from which the deadline ran
         * @return the document's terminal failure; written to the failed topic
         */
        DocumentFailed expire(I input, RuntimeException cause, Instant parkedSince);
    }

    private static final Logger log = LoggerFactory.getLogger(ParkingStage.class);

    private final StageFunction<I> work;
    private final ParkedBinding binding;
    private final Expiry<I> expiry;
    private final ParkingProperties properties;
    private final EventMessages messages;
    private final String failedTopic;
    private final Clock clock;
    private final ParkingLot lot;
    private final Counter failed;

    /** @param lot counts the stage's parked documents: one per stage, whatever its bindings (ParkedStages) */
    ParkingStage(
            StageFunction<I> work,
            ParkedBinding binding,
            Expiry<I> expiry,
            ParkingProperties properties,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            Clock clock,
            ParkingLot lot) {
        this.work = work;
        this.binding = binding;
        this.expiry = expiry;
        this.properties = properties;
        this.messages = messages;
        this.failedTopic = topics.documentFailed().name();
        this.clock = clock;
        this.lot = lot;
        this.failed = SigningMeters.documents(meters, binding.stage(), RoutedStage.FAILED);
    }

    public static <I> ParkingStage<I> around(
            StageFunction<I> work,
            ParkedBinding binding,
            Expiry<I> expiry,
            ParkingProperties properties,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters,
            Clock clock) {
        return new ParkingStage<>(
                work,
                binding,
                expiry,
                properties,
                messages,
                topics,
                meters,
                clock,
                new ParkingLot(binding.stage(), clock, properties.maxDelay(), meters));
    }

    @Override
    public Message<DocumentEvent> apply(Message<I> message) {
        String documentId = documentId(message);
        try {
            Message<DocumentEvent> outcome = work.apply(message);
            lot.release(documentId);
            return outcome;
        } catch (RuntimeException e) {
            Optional<RuntimeException> cause = binding.transientCause(e);
            if (cause.isEmpty()) {
                lot.release(documentId);
                throw e;
            }
            Instant since = recordTime(message);
            if (clock.instant().isBefore(since.plus(properties.deadline()))) {
                lot.park(documentId, since);
                throw e;
            }
            lot.release(documentId);
            return expire(message, cause.get(), since);
        }
    }

    private Message<DocumentEvent> expire(Message<I> message, RuntimeException cause, Instant since) {
        DocumentFailed failure = expiry.expire(message.getPayload(), cause, since);
        // The stage's ledger must know this answer too, or a duplicate input would get a second.
        work.recordAnswer(message, failure);
        failed.increment();
        log.warn(
                "Parked since {}, past the deadline of {}: {} ({})",
                since,
                properties.deadline(),
                failure.reason(),
                failure.message());
        Message<DocumentEvent> answer = messages.toMessage((DocumentEvent) failure, InboundEnvelope.of(message));
        return MessageBuilder.fromMessage(answer)
                .setHeader(RoutedStage.SEND_TO, failedTopic)
                .build();
    }

    // The record's own timestamp: a restart or a rebalance does not move the deadline, and a
    // deliberate re-publication (a new attempt) starts a new one.
    private Instant recordTime(Message<I> message) {
        Object timestamp = message.getHeaders().get(KafkaHeaders.RECEIVED_TIMESTAMP);
        return timestamp instanceof Long millis ? Instant.ofEpochMilli(millis) : clock.instant();
    }

    private static String documentId(Message<?> message) {
        if (message.getPayload() instanceof DocumentEvent event) {
            return event.documentId();
        }
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        return key instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(key);
    }
}
