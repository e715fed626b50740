package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The binding {@code hashComputed-in-0} of every provider, in batch mode with manual
 * acknowledgement: everything one poll returned is signed with as few calls as the service allows.
 * Records are read here, one by one, rather than by the binder: a record that cannot be read or whose
 * headers contradict it goes to the dead-letter topic alone, instead of taking the whole poll with it.
 *
 * <p>A transient failure of the service that outlasts the provider's retries propagates; the binder
 * then dead-letters the poll's records with the cause, so they can be replayed.
 *
 * <p>Documents that wait ({@link Resolution.Waits}, {@link SignerWaits}) are neither signed nor
 * failed: the poll is acknowledged up to the first of them and handed back from there ({@link
 * Acknowledgment#nack(int, java.time.Duration)}), to be delivered again after {@link
 * RemoteSigner#recheck()}. Nothing is lost, nothing decided is delivered twice.
 *
 * <p>At shutdown ({@link Stopping}) a poll not yet begun is handed back whole, uncommitted, for the
 * partition's next owner; a poll whose remote calls have begun is finished, since throwing away
 * values the service has signed would only make it sign them again.
 */
final class ProviderBatches implements Consumer<Message<List<byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(ProviderBatches.class);

    /** Long enough that the container stops before it polls the handed-back records again. */
    private static final Duration HAND_BACK_PAUSE = Duration.ofSeconds(5);

    /** Documents whose waiting was announced, newest kept: more than wait for one person at a time. */
    private static final int ANNOUNCED_KEPT = 100_000;

    private final RemoteSigner signer;
    private final BatchSigning signing;
    private final ProviderOutbound outbound;
    private final MeterRegistry meters;
    private final Stopping stopping;
    private final Parking parking;
    // Consumer threads of several partitions share this stage.
    private final Set<String> announced = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ANNOUNCED_KEPT;
        }
    }));

    ProviderBatches(
            RemoteSigner signer,
            BatchSigning signing,
            ProviderOutbound outbound,
            MeterRegistry meters,
            Stopping stopping) {
        this(
                signer,
                signing,
                outbound,
                meters,
                stopping,
                new Parking(
                        new ParkingProperties(Duration.ofHours(24), Duration.ofMinutes(1)),
                        java.time.Clock.systemUTC(),
                        meters));
    }

    ProviderBatches(
            RemoteSigner signer,
            BatchSigning signing,
            ProviderOutbound outbound,
            MeterRegistry meters,
            Stopping stopping,
            Parking parking) {
        this.parking = parking;
        this.stopping = stopping;
        this.signer = signer;
        this.signing = signing;
        this.outbound = outbound;
        this.meters = meters;
    }

    @Override
    public void accept(Message<List<byte[]>> batch) {
        try (var provider = MDC.putCloseable("provider", signer.name())) {
            handle(batch);
        }
    }

    private void handle(Message<List<byte[]>> batch) {
        Acknowledgment ack = batch.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
        if (stopping.now() && ack != null) {
            log.info("Stopping: a poll handed back unsigned for the partitions' next owner");
            ack.nack(0, HAND_BACK_PAUSE);
            return;
        }
        HashComputedPoll poll = HashComputedPoll.read(batch);
        log.debug("Poll of {} records", poll.size());
        BatchSigning.Result result = poll.documents().isEmpty()
                ? new BatchSigning.Result(List.of(), 0, List.of())
                : signing.signOrWait(poll.documents(), poll::attempt);
        Duration pause = signer.recheck();
        if (result.parked()) {
            if (result.decided() > 0) {
                // The service answered part of the poll: it is failing calls, not away.
                parking.resumed();
            }
            result = result.andThen(parking.park(result.waiting(), poll::timestamp, signer.name(), result.outage()));
            pause = parking.delay(signer.recheck());
        } else {
            parking.resumed();
        }
        // The records from the first waiting document on come again; everything before it is decided.
        int handBack = result.decided() < poll.documents().size() ? poll.position(result.decided()) : poll.size();
        if (handBack < poll.size() && ack == null) {
            throw new IllegalStateException("documents wait, but the binding acknowledges itself (ack-mode MANUAL)");
        }
        for (HashComputedPoll.Unreadable unreadable : poll.unreadable()) {
            if (unreadable.position() < handBack) {
                outbound.deadLetter(unreadable);
                count("dead_lettered", 1);
                SigningMeters.deadLetters(meters, unreadable.record().topic(), "provider-" + signer.name())
                        .increment();
            }
        }
        for (SigningOutcome outcome : result.outcomes()) {
            count(outbound.publish(outcome, poll.envelope(outcome.document())), 1);
        }
        if (handBack < poll.size()) {
            log.info(
                    "{} documents wait{}; {} records handed back for {}",
                    result.waiting().size(),
                    result.parked() ? " for the signing service (" + result.outage() + ")" : "",
                    poll.size() - handBack,
                    pause);
            count(result.parked() ? "parked" : "waiting", result.waiting().size());
            announce(result, poll);
            ack.nack(handBack, pause);
        } else if (ack != null) {
            ack.acknowledge();
        }
    }

    /**
     * Tells the gateway once per document and link (per instance: a restart tells again, which the gateway's
     * status takes as the same news) that it waits for a person, not on every redelivery.
     */
    private void announce(BatchSigning.Result result, HashComputedPoll poll) {
        if (result.awaiting() == null) {
            return;
        }
        for (HashComputed document : result.waiting()) {
            Resolution.Waits own = result.waits().get(document.documentId());
            String why = own == null ? result.awaiting() : own.why();
            RemoteSession link = own == null ? null : own.link();
            // A new link (a new login for the document) is news again.
            if (announced.add(document.documentId() + (link == null ? "" : "\n" + link.sessionId()))) {
                outbound.awaiting(document, why, link, poll.envelope(document));
            }
        }
    }

    private void count(String outcome, int amount) {
        SigningMeters.documents(meters, "provider", outcome).increment(amount);
    }
}
