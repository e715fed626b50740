package dev.signingsuite.messaging;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SigningHeaders;
import dev.signingsuite.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * What every single-record stage does around its own work, so that a stage is only a function from
 * event to outcome: the envelope is checked before any work (a contradicting record is dead-lettered
 * by the binder), the document's ids are in the MDC, the work is timed ({@code signing.stage.duration}),
 * its outcome counted ({@code signing.documents{stage,outcome}}) and routed: {@link DocumentFailed}
 * to the failed topic, anything else to the stage's next topic, with the input's {@link
 * SigningHeaders#ATTEMPT}. A transient exception the work throws (the stage's declared one, I/O,
 * a retriable Kafka error) propagates unchanged, so the binder retries the record. A stage that
 * {@linkplain Definition#answering answers} its documents turns any other exception into {@link
 * DocumentFailed} for the document, and dead-letters the record itself in the same transaction
 * (ADR 11): no document is left without an outcome. A stage with a {@link StageLedger} publishes
 * at most one outcome per document and attempt; a duplicate input is acknowledged and dropped.
 *
 * @param <I> the consumed event
 */
public final class RoutedStage<I> implements StageFunction<I> {

    /** Spring Cloud Stream sends a function's result to the destination this header names. */
    public static final String SEND_TO = "spring.cloud.stream.sendto.destination";

    /** The outcome tag of a document that ended as {@link DocumentFailed}. */
    public static final String FAILED = "failed";

    /** The outcome tag of a document whose work threw an exception the stage declared transient. */
    public static final String RETRIED = "retried";

    /** The outcome tag of an input for a document and attempt the stage has answered already. */
    public static final String DUPLICATE = "duplicate";

    static final String DOCUMENT_ID = "document.id";
    static final String BATCH_ID = "batch.id";

    private final Definition<I> definition;
    private final EventMessages messages;
    private final String failedTopic;
    private final Timer duration;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter retried;
    private final Counter duplicates;
    private final Clock clock = Clock.systemUTC();

    private RoutedStage(Definition<I> definition, EventMessages messages, Topics topics, MeterRegistry meters) {
        this.definition = definition;
        this.messages = messages;
        this.failedTopic = topics.documentFailed().name();
        this.duration = SigningMeters.stageDuration(meters, definition.stage);
        // Registered at zero, so that Prometheus sees the first document of each outcome as an increase.
        this.succeeded = SigningMeters.documents(meters, definition.stage, definition.success);
        this.failed = SigningMeters.documents(meters, definition.stage, FAILED);
        this.retried =
                definition.transientFailure == null ? null : SigningMeters.documents(meters, definition.stage, RETRIED);
        this.duplicates =
                definition.ledger == null ? null : SigningMeters.documents(meters, definition.stage, DUPLICATE);
    }

    /** Starts the definition of the stage whose metrics carry {@code stage} as their stage tag. */
    public static <I> Definition<I> named(String stage, Function<I, DocumentEvent> work) {
        return new Definition<>(stage, work);
    }

    /** @return the outcome, or null (nothing published, the record acknowledged) for a duplicate */
    @Override
    public Message<DocumentEvent> apply(Message<I> message) {
        I input = message.getPayload();
        InboundEnvelope envelope = InboundEnvelope.of(message);
        if (input instanceof DocumentEvent event) {
            envelope.requireDescribes(event);
        } else {
            envelope.requireType(input.getClass());
        }
        int attempt = SigningHeaders.attempt(message.getHeaders().get(SigningHeaders.ATTEMPT));
        List<MDC.MDCCloseable> context = new ArrayList<>();
        try {
            if (input instanceof DocumentEvent event) {
                context.addAll(correlate(event));
                if (definition.ledger != null
                        && definition.ledger.answered(
                                event.documentId(), attempt, partition(message), offset(message))) {
                    duplicates.increment();
                    definition.log.info("Duplicate input for a document this stage answered already: dropped");
                    return null;
                }
            }
            definition.mdc.forEach((key, value) -> context.add(MDC.putCloseable(key, value.apply(input))));
            DocumentEvent outcome = work(input, message);
            if (!(input instanceof DocumentEvent)) {
                // Intake: the document's ids exist only from the outcome on.
                context.addAll(correlate(outcome));
            }
            Message<DocumentEvent> routed = route(input, outcome, envelope, message);
            recordAnswer(message, outcome);
            return routed;
        } finally {
            context.forEach(MDC.MDCCloseable::close);
        }
    }

    /** Enters the answer in the stage's ledger, if it has one. */
    @Override
    public void recordAnswer(Message<?> message, DocumentEvent outcome) {
        if (definition.ledger != null) {
            definition.ledger.record(
                    outcome.documentId(),
                    SigningHeaders.attempt(message.getHeaders().get(SigningHeaders.ATTEMPT)),
                    partition(message),
                    offset(message),
                    EventTypes.typeOf(outcome.getClass()));
        }
    }

    private DocumentEvent work(I input, Message<I> message) {
        try {
            return Objects.requireNonNull(duration.record(() -> definition.work.apply(input)), "outcome");
        } catch (RuntimeException e) {
            if (definition.transientFailure != null && definition.transientFailure.isInstance(e)) {
                retried.increment();
                definition.log.warn("{}, the binder retries: {}", definition.transientDescription, e.getMessage());
                throw e;
            }
            if (definition.failureStage == null || !(input instanceof DocumentEvent event) || isTransient(e)) {
                throw e;
            }
            definition.deadLetters.publish(message, e);
            definition.log.error("Dead-lettered, the document is answered as failed", e);
            return failure(event, e);
        }
    }

    private DocumentFailed failure(DocumentEvent event, RuntimeException e) {
        FailureReason reason = FailureReason.INTERNAL_ERROR;
        String text = definition.stage + " could not process the document ("
                + e.getClass().getSimpleName() + ")";
        for (Map.Entry<Class<? extends RuntimeException>, FailureReason> known : definition.reasons.entrySet()) {
            if (known.getKey().isInstance(e)) {
                reason = known.getValue();
                // A stage names a type here only if its message is fit for the back-office.
                text = Objects.requireNonNullElse(e.getMessage(), text);
                break;
            }
        }
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                event.documentId(),
                event.batchId(),
                event.tenantId(),
                event.clientReference(),
                definition.failureStage,
                reason,
                text,
                clock.instant());
    }

    /** Retrying may help: I/O and Kafka's retriable errors, anywhere in the cause chain. */
    private static boolean isTransient(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException || cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private Message<DocumentEvent> route(I input, DocumentEvent outcome, InboundEnvelope envelope, Message<I> cause) {
        String destination;
        if (outcome instanceof DocumentFailed failure) {
            failed.increment();
            definition.log.warn("{}: {} ({})", definition.failureText, failure.reason(), failure.message());
            destination = failedTopic;
        } else {
            succeeded.increment();
            definition.log.atLevel(definition.successLevel).log(definition.successText);
            destination = definition.next.apply(input);
        }
        MessageBuilder<DocumentEvent> builder = MessageBuilder.fromMessage(messages.toMessage(outcome, envelope))
                .setHeader(SEND_TO, destination);
        Object attempt = cause.getHeaders().get(SigningHeaders.ATTEMPT);
        if (attempt != null) {
            builder.setHeader(SigningHeaders.ATTEMPT, Integer.toString(SigningHeaders.attempt(attempt)));
        }
        return builder.build();
    }

    private static int partition(Message<?> message) {
        return ConsumedRecord.current()
                .map(record -> record.partition())
                .orElseGet(
                        () -> message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION) instanceof Integer p ? p : 0);
    }

    private static long offset(Message<?> message) {
        return ConsumedRecord.current()
                .map(record -> record.offset())
                .orElseGet(() -> message.getHeaders().get(KafkaHeaders.OFFSET) instanceof Long o ? o : -1L);
    }

    private static List<MDC.MDCCloseable> correlate(DocumentEvent event) {
        List<MDC.MDCCloseable> context = new ArrayList<>();
        context.add(MDC.putCloseable(DOCUMENT_ID, event.documentId()));
        context.add(MDC.putCloseable(BATCH_ID, event.batchId()));
        return context;
    }

    /** A stage under construction; each service states only what differs from the others. */
    public static final class Definition<I> {

        private final String stage;
        private final Function<I, DocumentEvent> work;
        private final Map<String, Function<I, String>> mdc = new LinkedHashMap<>();
        private String success;
        private Function<I, String> next;
        private Logger log;
        private Level successLevel = Level.DEBUG;
        private String successText;
        private String failureText;
        private Class<? extends RuntimeException> transientFailure;
        private String transientDescription;
        private FailureStage failureStage;
        private DeadLetters deadLetters;
        private final Map<Class<? extends RuntimeException>, FailureReason> reasons = new LinkedHashMap<>();
        private StageLedger ledger;

        private Definition(String stage, Function<I, DocumentEvent> work) {
            this.stage = Objects.requireNonNull(stage, "stage");
            this.work = Objects.requireNonNull(work, "work");
        }

        /** An outcome other than {@link DocumentFailed}: counted as {@code outcome}, sent to {@code next}. */
        public Definition<I> succeeding(String outcome, Function<I, String> next) {
            this.success = outcome;
            this.next = next;
            return this;
        }

        /** A further MDC entry, beside the document and batch ids, while the work runs. */
        public Definition<I> mdc(String key, Function<I, String> value) {
            mdc.put(key, value);
            return this;
        }

        /** The stage's own logger and lines, so that its log category and messages stay its own. */
        public Definition<I> logging(Logger log, Level successLevel, String successText, String failureText) {
            this.log = log;
            this.successLevel = successLevel;
            this.successText = successText;
            this.failureText = failureText;
            return this;
        }

        /**
         * Exceptions of {@code type} are counted as {@value #RETRIED} and logged before they
         * propagate; whether the binder retries them is its configuration's call, not this class's.
         */
        public Definition<I> countingRetries(Class<? extends RuntimeException> type, String description) {
            this.transientFailure = type;
            this.transientDescription = description;
            return this;
        }

        /**
         * Every document answered: a permanent exception (neither declared transient nor I/O) ends
         * the document as {@link DocumentFailed} at {@code stage}, reason {@link
         * FailureReason#INTERNAL_ERROR} unless {@link #failingAs} names a better one, and the record
         * goes to {@code deadLetters} in the same transaction.
         */
        public Definition<I> answering(FailureStage stage, DeadLetters deadLetters) {
            this.failureStage = Objects.requireNonNull(stage, "stage");
            this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
            return this;
        }

        /** An exception of {@code type} fails the document for {@code reason}, its message as the failure's. */
        public Definition<I> failingAs(Class<? extends RuntimeException> type, FailureReason reason) {
            reasons.put(type, reason);
            return this;
        }

        /** At most one outcome per document and attempt, remembered in {@code ledger}. */
        public Definition<I> deduplicating(StageLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        public RoutedStage<I> build(EventMessages messages, Topics topics, MeterRegistry meters) {
            Objects.requireNonNull(success, "succeeding(...) not set");
            Objects.requireNonNull(log, "logging(...) not set");
            return new RoutedStage<>(this, messages, topics, meters);
        }
    }
}
