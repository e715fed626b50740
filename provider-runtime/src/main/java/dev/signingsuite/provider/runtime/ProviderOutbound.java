package dev.signingsuite.provider.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.messaging.InboundRecord;
import dev.signingsuite.messaging.TraceContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * What a provider writes, through the output bindings it names in its yml: per signed
 * document {@code SignatureRequested} then {@code SignatureReturned} (binding {@link #RETURNED}, or
 * {@link #RETURNED_INTERACTIVE} for a provider of the interactive lane), per failed document {@code
 * DocumentFailed}, and unreadable records to the dead-letter topic with the binder's own {@code
 * x-original-*} and {@code x-exception-*} headers. The bindings send synchronously, so a record
 * is acknowledged only after its answers are on the broker.
 */
public final class ProviderOutbound {

    public static final String REQUESTED = "signatureRequested";
    public static final String RETURNED = "signatureReturned";
    /** Where a provider of the interactive lane writes {@code SignatureReturned} (ADR 16). */
    public static final String RETURNED_INTERACTIVE = "signatureReturnedInteractive";

    public static final String FAILED = "documentFailed";
    public static final String DEAD_LETTERS = "deadLetters";

    private static final Logger log = LoggerFactory.getLogger(ProviderOutbound.class);

    private final StreamBridge bridge;
    private final EventMessages messages;
    private final Clock clock;

    public ProviderOutbound(StreamBridge bridge, EventMessages messages, Clock clock) {
        this.bridge = bridge;
        this.messages = messages;
        this.clock = clock;
    }

    public void signed(SigningOutcome.Signed signed, InboundEnvelope cause) {
        HashComputed document = signed.document();
        requested(
                new SigningOutcome.Requested(
                        document,
                        signed.parameters(),
                        signed.dataToSignDigest(),
                        null, // synchronous: no remote session to wait on
                        signed.requestedAt(),
                        null),
                cause);
        send(
                returned(document.signer().provider()),
                new SignatureReturned(
                        SignatureReturned.SCHEMA_VERSION,
                        document.documentId(),
                        document.batchId(),
                        document.tenantId(),
                        document.clientReference(),
                        document.signer(),
                        document.files(),
                        document.manifest(),
                        signed.parameters(),
                        signed.signatureValue(),
                        signed.returnedAt()),
                cause);
    }

    /** {@code SignatureRequested} of a document whose value comes now or later. */
    public void requested(SigningOutcome.Requested requested, InboundEnvelope cause) {
        requested(requested, null, cause);
    }

    /**
     * {@code SignatureRequested} with {@code awaiting}: the document waits for a person before the
     * signature can be asked for, so that the gateway can say so.
     */
    public void awaiting(HashComputed document, String awaiting, InboundEnvelope cause) {
        awaiting(document, awaiting, null, cause);
    }

    /** As above, with the link the person follows (the session's {@code deviceLink}), or null. */
    public void awaiting(HashComputed document, String awaiting, RemoteSession link, InboundEnvelope cause) {
        requested(new SigningOutcome.Requested(document, null, null, link, clock.instant(), null), awaiting, cause);
    }

    private void requested(SigningOutcome.Requested requested, String awaiting, InboundEnvelope cause) {
        HashComputed document = requested.document();
        requested(
                new SignatureRequested(
                        SignatureRequested.SCHEMA_VERSION,
                        document.documentId(),
                        document.batchId(),
                        document.tenantId(),
                        document.clientReference(),
                        document.signer(),
                        document.files(),
                        document.manifest(),
                        requested.parameters(),
                        requested.dataToSignDigest(),
                        requested.session(),
                        requested.requestedAt(),
                        requested.certificateChoice(),
                        awaiting),
                cause);
    }

    /** A {@code SignatureRequested} a provider's poller built (a linked session, say). */
    public void requested(SignatureRequested requested, InboundEnvelope cause) {
        send(REQUESTED, requested, cause);
    }

    /**
     * {@code SignatureReturned} for a value a poller got for an earlier {@code SignatureRequested}; the
     * caller has verified it ({@link ProviderRuntime#returned}).
     */
    void returned(SignatureRequested requested, byte[] signatureValue, InboundEnvelope cause) {
        send(
                returned(requested.signer().provider()),
                new SignatureReturned(
                        SignatureReturned.SCHEMA_VERSION,
                        requested.documentId(),
                        requested.batchId(),
                        requested.tenantId(),
                        requested.clientReference(),
                        requested.signer(),
                        requested.files(),
                        requested.manifest(),
                        requested.parameters(),
                        signatureValue,
                        clock.instant()),
                cause);
    }

    /** The binding of the provider's lane: the gateway put the document in that lane from the same provider. */
    static String returned(Provider provider) {
        return provider.lane() == Lane.INTERACTIVE ? RETURNED_INTERACTIVE : RETURNED;
    }

    public void failed(SigningOutcome.Failed failed, InboundEnvelope cause) {
        failed(failed.document(), failed.reason(), failed.message(), cause);
    }

    /** {@code DocumentFailed} for any event of the document (a {@code SignatureRequested}, for a poller). */
    public void failed(DocumentEvent document, FailureReason reason, String message, InboundEnvelope cause) {
        send(
                FAILED,
                new DocumentFailed(
                        DocumentFailed.SCHEMA_VERSION,
                        document.documentId(),
                        document.batchId(),
                        document.tenantId(),
                        document.clientReference(),
                        FailureStage.PROVIDER,
                        reason,
                        message,
                        clock.instant()),
                cause);
    }

    /**
     * Publishes one document's outcome with its document, batch and trace ids in the MDC.
     *
     * @return {@code signed}, {@code requested} or {@code failed}, for the caller's counters
     */
    public String publish(SigningOutcome outcome, InboundEnvelope cause) {
        HashComputed document = outcome.document();
        String traceId = cause.traceparent().flatMap(TraceContext::traceId).orElse(null);
        try (var id = MDC.putCloseable("document.id", document.documentId());
                var batchId = MDC.putCloseable("batch.id", document.batchId());
                var trace = MDC.putCloseable("trace.id", traceId)) {
            if (outcome instanceof SigningOutcome.Failed failed) {
                failed(failed, cause);
                log.info("Document failed: {} {}", failed.reason(), failed.message());
                return "failed";
            }
            if (outcome instanceof SigningOutcome.Requested requested) {
                requested(requested, cause);
                log.debug("Signature requested");
                return "requested";
            }
            signed((SigningOutcome.Signed) outcome, cause);
            log.debug("Signature returned");
            return "signed";
        }
    }

    /** {@link #deadLetter} for a record of a poll that could not be read, logged. */
    public void deadLetter(HashComputedPoll.Unreadable unreadable) {
        deadLetter(DEAD_LETTERS, unreadable.record(), unreadable.cause());
    }

    /** The same, through another output binding (a poller's own dead-letter topic). */
    public void deadLetter(String binding, InboundRecord record, Exception cause) {
        log.warn(
                "Dead-lettering record {}-{}@{} (key {}): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.keyText(),
                cause.getMessage());
        write(binding, record, cause);
    }

    /**
     * The record unchanged, with the headers the binder's dead-letter handling writes (partition,
     * offset and timestamp as big-endian binary numbers, as the Kafka binder writes them): in batch
     * mode the binder could only dead-letter the whole poll, so the stage does it per record.
     */
    private void write(String binding, InboundRecord record, Exception cause) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(record.value());
        for (Map.Entry<String, Object> header : record.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        if (record.key() != null) {
            message.setHeader(KafkaHeaders.KEY, record.key());
        }
        message.setHeader("x-original-topic", record.topic().getBytes(UTF_8))
                .setHeader(
                        "x-original-partition",
                        ByteBuffer.allocate(Integer.BYTES)
                                .putInt(record.partition())
                                .array())
                .setHeader(
                        "x-original-offset",
                        ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array())
                .setHeader(
                        "x-original-timestamp",
                        ByteBuffer.allocate(Long.BYTES)
                                .putLong(record.timestamp())
                                .array())
                .setHeader("x-exception-fqcn", cause.getClass().getName().getBytes(UTF_8))
                .setHeader("x-exception-stacktrace", stackTrace(cause).getBytes(UTF_8));
        if (cause.getMessage() != null) {
            message.setHeader("x-exception-message", cause.getMessage().getBytes(UTF_8));
        }
        Message<byte[]> deadLetter = message.build();
        requireSent(binding, messages.send(deadLetter, () -> bridge.send(binding, deadLetter)));
    }

    private <T extends DocumentEvent> void send(String binding, T event, InboundEnvelope cause) {
        Message<T> message = messages.toMessage(event, cause);
        // A poll of many documents: each answer is sent within its own document's trace.
        requireSent(binding, messages.send(message, () -> bridge.send(binding, message)));
    }

    private static void requireSent(String binding, boolean sent) {
        if (!sent) {
            // Transient as far as we know: the batch is retried or dead-lettered by the binder.
            throw new IllegalStateException("the binder did not accept a message for " + binding);
        }
    }

    private static String stackTrace(Exception cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace, true));
        return trace.toString();
    }
}
