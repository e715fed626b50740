package dev.signingsuite.provider.eparaksts.messaging;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.messaging.batch.HashComputedPoll;
import dev.signingsuite.messaging.batch.ProviderOutbound;
import dev.signingsuite.messaging.batch.SigningOutcome;
import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.signing.AuthorisationMissing;
import dev.signingsuite.provider.eparaksts.signing.SealSigner;
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
 * The binding {@code hashComputed-in-0} in batch mode with manual acknowledgement: one poll is
 * sealed with one {@code raw/batch} call per seal identity. While the authorisation is missing or
 * the platform is down, the poll is not acknowledged but handed back ({@link Acknowledgment#nack})
 * to be delivered again after {@code waitForAuthorisation}: documents wait, none fails, none is
 * lost, and the consumer thread is never held for longer than one wait.
 */
final class HashComputedBatches implements Consumer<Message<List<byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(HashComputedBatches.class);

    private final SealSigner signer;
    private final ProviderOutbound outbound;
    private final MeterRegistry meters;
    private final Duration wait;

    HashComputedBatches(SealSigner signer, ProviderOutbound outbound, MeterRegistry meters, Duration wait) {
        this.signer = signer;
        this.outbound = outbound;
        this.meters = meters;
        this.wait = wait;
    }

    @Override
    public void accept(Message<List<byte[]>> batch) {
        Acknowledgment ack = batch.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
        HashComputedPoll poll = HashComputedPoll.read(batch);
        List<HashComputed> documents = poll.documents();
        List<SigningOutcome> outcomes = List.of();
        if (!documents.isEmpty()) {
            try {
                outcomes = signer.sign(documents);
            } catch (AuthorisationMissing | EparakstsCallException e) {
                if (e instanceof EparakstsCallException call && !call.isTransient()) {
                    throw call;
                }
                log.info("{} documents wait: {}", documents.size(), e.getMessage());
                count("waiting", documents.size());
                if (ack == null) {
                    throw e;
                }
                // Nothing of this poll was published: all of it comes again after the wait.
                ack.nack(0, wait);
                return;
            }
        }
        for (HashComputedPoll.Unreadable unreadable : poll.unreadable()) {
            outbound.deadLetter(unreadable);
            count("dead_lettered", 1);
            SigningMeters.deadLetters(meters, unreadable.record().topic(), "provider-eparaksts")
                    .increment();
        }
        for (SigningOutcome outcome : outcomes) {
            count(outbound.publish(outcome, poll.envelope(outcome.document())), 1);
        }
        if (ack != null) {
            ack.acknowledge();
        }
    }

    private void count(String outcome, int amount) {
        SigningMeters.documents(meters, "provider", outcome).increment(amount);
    }
}
