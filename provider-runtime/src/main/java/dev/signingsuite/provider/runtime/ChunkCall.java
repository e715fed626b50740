package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One call to the service for one chunk of one signer's documents: prepares each document's data to
 * be signed, records the call in the ledger before it is made and each answer before it is
 * published, and verifies every value the service returns.
 */
final class ChunkCall {

    private final RemoteSigner signer;
    private final DataToSign dataToSign;
    private final SignatureValueCheck check;
    private final Clock clock;
    private final SigningIntents ledger;
    private final DistributionSummary batchSize;
    private final Timer duration;

    ChunkCall(
            RemoteSigner signer,
            DataToSign dataToSign,
            SignatureValueCheck check,
            Clock clock,
            SigningIntents ledger,
            MeterRegistry meters) {
        this.signer = signer;
        this.dataToSign = dataToSign;
        this.check = check;
        this.clock = clock;
        this.ledger = ledger;
        this.batchSize = SigningMeters.batchSize(meters, signer.name());
        this.duration = SigningMeters.stageDuration(meters, "provider");
    }

    /**
     * @param held what the provider already prepared for a document (an approval group), or null
     * @param signingDates a document's signing date from its ledger entry (rebuilds the same digest), or null
     * @return one outcome per document
     * @throws RuntimeException when the call failed; its intents are withdrawn, so the next delivery asks again
     */
    List<SigningOutcome> sign(
            Signer key,
            List<HashComputed> documents,
            List<PreparedSignature> held,
            List<Instant> signingDates,
            ToIntFunction<HashComputed> attempts) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<SigningOutcome> outcomes = new ArrayList<>(documents.size());
        List<PreparedSignature> prepared = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            HashComputed document = documents.get(i);
            if (held.get(i) != null) {
                // This poll's document object: the caller matches outcomes to records by identity.
                PreparedSignature p = held.get(i);
                prepared.add(new PreparedSignature(document, p.parameters(), p.dataToSign(), p.digest()));
                continue;
            }
            try {
                Instant signingDate =
                        signingDates.get(i) != null ? signingDates.get(i) : signer.signingDate(document, now);
                prepared.add(dataToSign.prepare(document, key, signingDate));
            } catch (RuntimeException e) {
                outcomes.add(new SigningOutcome.Failed(
                        document, FailureReason.INVALID_DOCUMENT, "cannot build the data to sign: " + e.getMessage()));
            }
        }
        if (prepared.isEmpty()) {
            return outcomes;
        }
        Instant requestedAt = clock.instant();
        List<SigningIntent> intents = new ArrayList<>(prepared.size());
        for (PreparedSignature p : prepared) {
            intents.add(SigningIntent.started(
                    p.document(),
                    signer.name(),
                    attempts.applyAsInt(p.document()),
                    p.digest(),
                    p.parameters().signingDate(),
                    requestedAt));
        }
        // Before the call, on the broker: a redelivery after a crash must know the call was made.
        ledger.write(intents);
        List<Returned> answers;
        try {
            answers = signer.sign(key, List.copyOf(prepared));
        } catch (RuntimeException e) {
            // No answer: the next delivery asks again rather than taking the call for one lost in a crash.
            ledger.withdraw(intents);
            throw e;
        }
        Instant returnedAt = clock.instant();
        if (answers.size() != prepared.size()) {
            throw new IllegalStateException(
                    "provider-" + signer.name() + " answered " + answers.size() + " signatures for " + prepared.size());
        }
        batchSize.record(prepared.size());
        List<SigningIntent> answered = new ArrayList<>();
        List<SigningIntent> refused = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            SigningOutcome outcome = outcome(key, prepared.get(i), answers.get(i), requestedAt, returnedAt);
            outcomes.add(outcome);
            if (outcome instanceof SigningOutcome.Signed signed) {
                answered.add(intents.get(i).returned(signed.signatureValue(), returnedAt));
            } else if (outcome instanceof SigningOutcome.Requested requested) {
                answered.add(intents.get(i).withSession(requested.session().sessionId(), returnedAt));
            } else if (answers.get(i) instanceof Returned.Failed) {
                refused.add(intents.get(i));
            }
        }
        // Before the outcomes are published: a redelivery then republishes rather than signs again.
        ledger.write(answered);
        ledger.withdraw(refused);
        // Each document of the call waited for all of it.
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        documents.forEach(d -> duration.record(elapsed));
        return outcomes;
    }

    private SigningOutcome outcome(
            Signer key, PreparedSignature p, Returned answer, Instant requestedAt, Instant returnedAt) {
        if (answer instanceof Returned.Failed failed) {
            return new SigningOutcome.Failed(p.document(), failed.reason(), failed.message());
        }
        if (answer instanceof Returned.Pending pending) {
            return new SigningOutcome.Requested(
                    p.document(), p.parameters(), p.digest(), pending.session(), requestedAt, null);
        }
        byte[] value = ((Returned.Value) answer).value();
        return check.verified(p.dataToSign(), value, key.algorithm(), key.certificate())
                .<SigningOutcome>map(v ->
                        new SigningOutcome.Signed(p.document(), p.parameters(), p.digest(), v, requestedAt, returnedAt))
                .orElseGet(() -> new SigningOutcome.Failed(
                        p.document(),
                        FailureReason.SIGNATURE_INVALID,
                        "the value provider-" + signer.name() + " was given does not verify against the certificate of "
                                + key.id()));
    }
}
