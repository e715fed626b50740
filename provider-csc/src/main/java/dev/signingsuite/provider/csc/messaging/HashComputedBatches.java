package dev.signingsuite.provider.csc.messaging;

import dev.signingsuite.events.EventFormatException;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.messaging.InvalidEnvelopeException;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.messaging.TraceContext;
import dev.signingsuite.messaging.batch.InboundRecord;
import dev.signingsuite.messaging.batch.ProviderOutbound;
import dev.signingsuite.messaging.batch.SigningOutcome;
import dev.signingsuite.provider.csc.signing.BatchSigner;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;

/**
 * The binding {@code hashComputed-in-0} in batch mode: everything one poll returned is signed with
 * as few CSC calls as possible. Records are read here, one by one, rather than by the binder: a
 * record that cannot be read or whose headers contradict it goes to the dead-letter topic alone,
 * instead of taking the whole poll with it.
 *
 * <p>A transient CSC failure that outlasts the retries propagates; the binder then dead-letters
 * the poll's records with the cause, so they can be replayed once the service is back.
 */
final class HashComputedBatches implements Consumer<Message<List<byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(HashComputedBatches.class);

    private final BatchSigner signer;
    private final ProviderOutbound outbound;
    private final MeterRegistry meters;

    HashComputedBatches(BatchSigner signer, ProviderOutbound outbound, MeterRegistry meters) {
        this.signer = signer;
        this.outbound = outbound;
        this.meters = meters;
    }

    @Override
    public void accept(Message<List<byte[]>> batch) {
        Map<HashComputed, InboundEnvelope> envelopes = new IdentityHashMap<>();
        List<HashComputed> documents = new ArrayList<>();
        log.debug("Poll of {} records", batch.getPayload().size());
        for (InboundRecord record : InboundRecord.split(batch)) {
            try {
                HashComputed document = EventJson.read(record.value(), HashComputed.class);
                InboundEnvelope envelope = record.envelope();
                envelope.requireDescribes(document);
                envelopes.put(document, envelope);
                documents.add(document);
            } catch (EventFormatException | InvalidEnvelopeException | IllegalArgumentException e) {
                log.warn(
                        "Dead-lettering record {}-{}@{} (key {}): {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.keyText(),
                        e.getMessage());
                outbound.deadLetter(record, e);
                count("dead_lettered");
                SigningMeters.deadLetters(meters, record.topic(), "provider-csc")
                        .increment();
            }
        }
        if (documents.isEmpty()) {
            return;
        }
        log.debug("Signing a poll of {} documents", documents.size());
        for (SigningOutcome outcome : signer.sign(documents)) {
            HashComputed document = outcome.document();
            String traceId = envelopes
                    .get(document)
                    .traceparent()
                    .flatMap(TraceContext::traceId)
                    .orElse(null);
            try (var id = MDC.putCloseable("document.id", document.documentId());
                    var batchId = MDC.putCloseable("batch.id", document.batchId());
                    var trace = MDC.putCloseable("trace.id", traceId)) {
                if (outcome instanceof SigningOutcome.Signed signed) {
                    outbound.signed(signed, envelopes.get(document));
                    count("signed");
                    log.debug("Signature returned");
                } else if (outcome instanceof SigningOutcome.Failed failed) {
                    outbound.failed(failed, envelopes.get(document));
                    count("failed");
                    log.info("Document failed: {} {}", failed.reason(), failed.message());
                }
            }
        }
    }

    private void count(String outcome) {
        meters.counter("signing.documents", "stage", "provider", "outcome", outcome)
                .increment();
    }
}
