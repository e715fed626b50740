package dev.signingsuite.provider.csc.messaging;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.messaging.batch.HashComputedPoll;
import dev.signingsuite.messaging.batch.ProviderOutbound;
import dev.signingsuite.messaging.batch.SigningOutcome;
import dev.signingsuite.provider.csc.signing.BatchSigner;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The binding {@code hashComputed-in-0} in batch mode: everything one poll returned is signed with
 * as few CSC calls as possible. Records are read here, one by one, rather than by the binder: a
 * record that cannot be read or whose headers contradict it goes to the dead-letter topic alone,
 * instead of taking the whole poll with it.
 *
 * <p>A transient CSC failure that outlasts the retries propagates; the binder then dead-letters
 * the poll's records with the cause, so they can be replayed once the service is back.
 *
 * <p>Documents that wait for a person's approval ({@code oauth2code} credential) are neither
 * signed nor failed: the poll is acknowledged up to the first of them and handed back from there
 * ({@link Acknowledgment#nack(int, Duration)}), to be delivered again after {@code
 * approval-recheck}, as provider-eparaksts does while its authorisation is missing. Nothing is
 * lost, nothing decided is delivered twice.
 */
final class HashComputedBatches implements Consumer<Message<List<byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(HashComputedBatches.class);

    private final BatchSigner signer;
    private final ProviderOutbound outbound;
    private final MeterRegistry meters;
    private final Duration recheck;

    HashComputedBatches(BatchSigner signer, ProviderOutbound outbound, MeterRegistry meters, Duration recheck) {
        this.signer = signer;
        this.outbound = outbound;
        this.meters = meters;
        this.recheck = recheck;
    }

    @Override
    public void accept(Message<List<byte[]>> batch) {
        Acknowledgment ack = batch.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
        HashComputedPoll poll = HashComputedPoll.read(batch);
        List<HashComputed> documents = poll.documents();
        log.debug("Poll of {} records", poll.size());
        BatchSigner.Result result =
                documents.isEmpty() ? new BatchSigner.Result(List.of(), 0, List.of()) : signer.signOrWait(documents);
        // The records from the first waiting document on come again; everything before it is decided.
        int handBack = result.decided() < documents.size() ? poll.position(result.decided()) : poll.size();
        if (handBack < poll.size() && ack == null) {
            throw new IllegalStateException("documents wait for an approval, but the binding acknowledges itself");
        }
        for (HashComputedPoll.Unreadable unreadable : poll.unreadable()) {
            if (unreadable.position() >= handBack) {
                continue;
            }
            outbound.deadLetter(unreadable);
            count("dead_lettered");
            SigningMeters.deadLetters(meters, unreadable.record().topic(), "provider-csc")
                    .increment();
        }
        for (SigningOutcome outcome : result.outcomes()) {
            count(outbound.publish(outcome, poll.envelope(outcome.document())));
        }
        if (handBack < poll.size()) {
            log.info(
                    "{} documents wait for a person's approval (gateway /operator/csc); {} records handed back",
                    result.waiting().size(),
                    poll.size() - handBack);
            meters.counter("signing.documents", "stage", "provider", "outcome", "waiting")
                    .increment(result.waiting().size());
            ack.nack(handBack, recheck);
        } else if (ack != null) {
            ack.acknowledge();
        }
    }

    private void count(String outcome) {
        meters.counter("signing.documents", "stage", "provider", "outcome", outcome)
                .increment();
    }
}
