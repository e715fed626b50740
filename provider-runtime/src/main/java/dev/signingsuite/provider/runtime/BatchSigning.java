package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.signature.DssParameters;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.MDC;

/**
 * Signs a poll's documents through a {@link RemoteSigner}, without Kafka: checks what every provider
 * checks, resolves each document, decides the documents up to the first that waits (the poll is
 * handed back from there, so what is decided must be exactly a prefix), groups them by signer,
 * chunks each group to the signer's batch size, prepares each chunk's data to be signed with one
 * signing date, asks the service, and verifies every value it returns.
 */
public final class BatchSigning {

    private final RemoteSigner signer;
    private final DataToSign dataToSign;
    private final SignatureValueCheck check;
    private final Clock clock;
    private final DistributionSummary batchSize;
    private final Timer duration;
    private final SigningIntents ledger;
    private final IntentRecovery recovery;

    public BatchSigning(RemoteSigner signer, DataToSign dataToSign, Clock clock, MeterRegistry meters) {
        this(signer, dataToSign, clock, meters, SigningIntents.NONE);
    }

    /**
     * @param ledger where each remote call is recorded before it is made and each value as it
     *     arrives; a redelivered document is answered from it instead of signed again
     */
    public BatchSigning(
            RemoteSigner signer, DataToSign dataToSign, Clock clock, MeterRegistry meters, SigningIntents ledger) {
        this.ledger = ledger;
        this.signer = signer;
        this.dataToSign = dataToSign;
        this.check = new SignatureValueCheck(dataToSign.signatures());
        this.clock = clock;
        this.batchSize = SigningMeters.batchSize(meters, signer.name());
        this.duration = SigningMeters.stageDuration(meters, "provider");
        this.recovery = new IntentRecovery(signer, dataToSign, check, clock);
    }

    /**
     * @param outcomes one per document of {@code documents[0, decided)}
     * @param decided how many documents, from the start, are decided; the others come again
     * @param waiting the documents that wait (from {@code decided} on)
     * @param awaiting what the waiting documents wait for from a person, in words; null when they
     *     wait for the service ({@code outage}) or none waits
     */
    public record Result(
            List<SigningOutcome> outcomes, int decided, List<HashComputed> waiting, String outage, String awaiting) {

        public Result(List<SigningOutcome> outcomes, int decided, List<HashComputed> waiting) {
            this(outcomes, decided, waiting, null, null);
        }

        public Result(List<SigningOutcome> outcomes, int decided, List<HashComputed> waiting, String outage) {
            this(outcomes, decided, waiting, outage, null);
        }

        /** This result's decided documents, then what {@code rest} decided of the documents that waited. */
        Result andThen(Result rest) {
            List<SigningOutcome> all = new ArrayList<>(outcomes);
            all.addAll(rest.outcomes());
            return new Result(all, decided + rest.decided(), rest.waiting(), rest.outage(), rest.awaiting());
        }

        /** Whether the poll waits because the service is away (then {@link #outage} says why). */
        public boolean parked() {
            return outage != null;
        }
    }

    /**
     * One outcome per document, for a batch in which no document waits.
     *
     * @throws IllegalStateException when some document waits: use {@link #signOrWait(List)}
     */
    public List<SigningOutcome> sign(List<HashComputed> documents) {
        Result result = signOrWait(documents);
        if (result.decided() < documents.size()) {
            throw new IllegalStateException(result.waiting().size() + " documents wait");
        }
        return result.outcomes();
    }

    /**
     * Signs the documents up to the first one that waits. A {@link SignerWaits} from the service
     * hands back the documents from the one whose call failed on; those before it are decided, so
     * that a provider making one call per document (Smart-ID) gets through a poll even when a share
     * of its calls fail, instead of starting the whole poll again each time.
     */
    public Result signOrWait(List<HashComputed> documents) {
        return signOrWait(documents, document -> 0);
    }

    /**
     * @param attempts each document's {@code signing-attempt}: a ledger entry of another attempt is
     *     not this delivery's
     */
    public Result signOrWait(List<HashComputed> documents, ToIntFunction<HashComputed> attempts) {
        try {
            return decide(documents, attempts);
        } catch (RuntimeException e) {
            // Nothing of the poll is published: all of it comes again (values signed so far are in the ledger).
            return stopped(documents, List.of(), 0, e);
        }
    }

    /**
     * The result of a poll whose service call failed with {@code e} after {@code decided} documents
     * were decided: those are answered, the others come again.
     *
     * @throws RuntimeException {@code e}, when it says nothing about the service being away
     */
    private Result stopped(
            List<HashComputed> documents, List<SigningOutcome> outcomes, int decided, RuntimeException e) {
        List<HashComputed> rest = List.copyOf(documents.subList(decided, documents.size()));
        if (e instanceof SignerWaits waits) {
            return waits.outage()
                    ? new Result(outcomes, decided, rest, e.getMessage())
                    : new Result(outcomes, decided, rest, null, e.getMessage());
        }
        if (signer.isOutage(e)) {
            return new Result(outcomes, decided, rest, String.valueOf(e.getMessage()));
        }
        throw e;
    }

    private Result decide(List<HashComputed> documents, ToIntFunction<HashComputed> attempts) {
        // Every document's entry, also of those that will wait: what a provider held in memory for them
        // (an approval group) may have been lost in a restart, and the entry says whether it was signed.
        Map<String, SigningIntent> intents =
                ledger.latest(documents.stream().map(HashComputed::documentId).toList());
        List<Resolution> resolutions = new ArrayList<>(documents.size());
        RuntimeException stoppedAt = null;
        for (HashComputed document : documents) {
            try {
                resolutions.add(resolve(document, intents, attempts));
            } catch (RuntimeException e) {
                if (resolutions.isEmpty()) {
                    throw e;
                }
                // The service failed this document's call: no further call now; the rest comes again.
                stoppedAt = e;
                break;
            }
        }
        List<HashComputed> all = documents;
        documents = documents.subList(0, resolutions.size());
        List<HashComputed> waiting = waiting(documents, resolutions);
        if (!waiting.isEmpty() && signer.settle(waiting)) {
            // What the poll's waiting documents waited for came during the poll: they are signed in it.
            for (int i = 0; i < documents.size(); i++) {
                if (resolutions.get(i) instanceof Resolution.Waits) {
                    resolutions.set(i, resolve(documents.get(i), intents, attempts));
                }
            }
            waiting = waiting(documents, resolutions);
        }
        int decided = 0;
        while (decided < documents.size() && !(resolutions.get(decided) instanceof Resolution.Waits)) {
            decided++;
        }
        List<SigningOutcome> outcomes = new ArrayList<>(decided);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < decided; i++) {
            HashComputed document = documents.get(i);
            Resolution resolution = resolutions.get(i);
            if (resolution instanceof Resolution.Refused refused) {
                outcomes.add(new SigningOutcome.Failed(document, refused.reason(), refused.message()));
            } else if (resolution instanceof Resolution.Started started) {
                outcomes.add(new SigningOutcome.Requested(
                        document, null, null, started.session(), started.requestedAt(), started.choice()));
            } else if (resolution instanceof Resolution.Sign || resolution instanceof Resolution.Held) {
                Signer key = resolution instanceof Resolution.Sign sign
                        ? sign.signer()
                        : ((Resolution.Held) resolution).signer();
                PreparedSignature held = resolution instanceof Resolution.Held h ? h.prepared() : null;
                SigningIntent intent = intents.get(document.documentId());
                if (intent != null && intent.attempt() == attempts.applyAsInt(document) && !inFlight(held, intent)) {
                    SigningOutcome recovered = recovery.recover(document, key, held, intent);
                    if (recovered != null) {
                        outcomes.add(recovered);
                        continue;
                    }
                    group(groups, key).add(document, held, intent.signingDate());
                } else {
                    group(groups, key).add(document, held, null);
                }
            }
        }
        try {
            for (Group group : groups.values()) {
                int chunk = group.signer.maxBatchSize();
                for (int from = 0; from < group.documents.size(); from += chunk) {
                    int to = Math.min(from + chunk, group.documents.size());
                    outcomes.addAll(signChunk(
                            group.signer,
                            group.documents.subList(from, to),
                            group.held.subList(from, to),
                            group.signingDates.subList(from, to),
                            attempts));
                }
            }
        } catch (RuntimeException e) {
            int answered = answeredPrefix(all, outcomes, decided);
            if (answered == 0) {
                throw e;
            }
            return stopped(all, inPrefix(all, outcomes, answered), answered, e);
        }
        if (stoppedAt != null && decided == documents.size()) {
            return stopped(all, outcomes, decided, stoppedAt);
        }
        return new Result(outcomes, decided, waiting, null, awaiting(resolutions));
    }

    /** How many documents, from the start of the poll, have an outcome. */
    private static int answeredPrefix(List<HashComputed> documents, List<SigningOutcome> outcomes, int decided) {
        Set<HashComputed> answered = Collections.newSetFromMap(new IdentityHashMap<>());
        outcomes.forEach(o -> answered.add(o.document()));
        int prefix = 0;
        while (prefix < decided && answered.contains(documents.get(prefix))) {
            prefix++;
        }
        return prefix;
    }

    /**
     * The outcomes of the first {@code prefix} documents. The others' values, if any, are in the
     * ledger and are answered from it when their records come again, so none is published twice.
     */
    private static List<SigningOutcome> inPrefix(
            List<HashComputed> documents, List<SigningOutcome> outcomes, int prefix) {
        Set<HashComputed> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(documents.subList(0, prefix));
        return outcomes.stream().filter(o -> kept.contains(o.document())).toList();
    }

    /** What the first waiting document waits for: the documents of one poll wait for the same kind of act. */
    private static String awaiting(List<Resolution> resolutions) {
        return resolutions.stream()
                .filter(Resolution.Waits.class::isInstance)
                .map(r -> ((Resolution.Waits) r).why())
                .findFirst()
                .orElse(null);
    }

    private Resolution resolve(
            HashComputed document, Map<String, SigningIntent> intents, ToIntFunction<HashComputed> attempts) {
        int attempt = attempts.applyAsInt(document);
        SigningIntent recorded = intents.get(document.documentId());
        return resolve(document, attempt, recorded != null && recorded.attempt() == attempt ? recorded : null);
    }

    /**
     * A document its provider still holds, whose entry says only that a call began: another consumer
     * thread may be making its group's call right now, and the provider, not this entry read before,
     * knows what the call returned.
     */
    private static boolean inFlight(PreparedSignature held, SigningIntent intent) {
        return held != null && intent.status() == SigningIntent.Status.STARTED && intent.remoteSessionId() == null;
    }

    private static List<HashComputed> waiting(List<HashComputed> documents, List<Resolution> resolutions) {
        List<HashComputed> waiting = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (resolutions.get(i) instanceof Resolution.Waits) {
                waiting.add(documents.get(i));
            }
        }
        return waiting;
    }

    private Resolution resolve(HashComputed document, int attempt, SigningIntent recorded) {
        try (var id = MDC.putCloseable("document.id", document.documentId());
                var batch = MDC.putCloseable("batch.id", document.batchId())) {
            Optional<String> unsupported = DssParameters.unsupported(document.format(), document.level());
            if (unsupported.isPresent()) {
                return new Resolution.Refused(
                        FailureReason.STAGE_UNAVAILABLE, "provider-" + signer.name() + ": " + unsupported.get());
            }
            // PAdES signs the PDF revision's digest (HashComputed requires it), not a manifest.
            if (document.manifest() == null && document.format() != SignatureFormat.PADES) {
                return new Resolution.Refused(FailureReason.INVALID_DOCUMENT, "an ASiC-E document needs a manifest");
            }
            return signer.resolve(document, attempt, recorded);
        }
    }

    private List<SigningOutcome> signChunk(
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

    private static Group group(Map<String, Group> groups, Signer signer) {
        return groups.computeIfAbsent(signer.id(), id -> new Group(signer));
    }

    private static final class Group {
        final Signer signer;
        final List<HashComputed> documents = new ArrayList<>();
        final List<PreparedSignature> held = new ArrayList<>();
        final List<Instant> signingDates = new ArrayList<>();

        Group(Signer signer) {
            this.signer = signer;
        }

        void add(HashComputed document, PreparedSignature prepared, Instant signingDate) {
            documents.add(document);
            held.add(prepared);
            signingDates.add(signingDate);
        }
    }
}
