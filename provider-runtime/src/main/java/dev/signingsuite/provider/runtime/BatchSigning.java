package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.BatchCancelled;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.signature.DssParameters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 * handed back from there, so what is decided must be exactly a prefix), answers a redelivered
 * document from its ledger entry ({@link IntentRecovery}), groups the others by signer and has each
 * group signed in chunks of the signer's batch size ({@link ChunkCall}). A call that fails part-way
 * keeps what was decided before it ({@link StoppedPoll}).
 */
public final class BatchSigning {

    private final RemoteSigner signer;
    private final SigningIntents ledger;
    private final CancelledBatches.Lookup cancelled;
    private final IntentRecovery recovery;
    private final ChunkCall call;

    public BatchSigning(RemoteSigner signer, DataToSign dataToSign, Clock clock, MeterRegistry meters) {
        this(signer, dataToSign, clock, meters, SigningIntents.NONE);
    }

    /**
     * @param ledger where each remote call is recorded before it is made and each value as it
     *     arrives; a redelivered document is answered from it instead of signed again
     */
    public BatchSigning(
            RemoteSigner signer, DataToSign dataToSign, Clock clock, MeterRegistry meters, SigningIntents ledger) {
        this(signer, dataToSign, clock, meters, ledger, CancelledBatches.Lookup.NONE);
    }

    /** @param cancelled the batches whose documents without a ledger entry end {@code CANCELLED} (ADR 31) */
    BatchSigning(
            RemoteSigner signer,
            DataToSign dataToSign,
            Clock clock,
            MeterRegistry meters,
            SigningIntents ledger,
            CancelledBatches.Lookup cancelled) {
        this.cancelled = cancelled;
        this.signer = signer;
        this.ledger = ledger;
        SignatureValueCheck check = new SignatureValueCheck(dataToSign.signatures());
        this.recovery = new IntentRecovery(signer, dataToSign, check, clock);
        this.call = new ChunkCall(signer, dataToSign, check, clock, ledger, meters);
    }

    /**
     * @param outcomes one per document of {@code documents[0, decided)}
     * @param decided how many documents, from the start, are decided; the others come again
     * @param waiting the documents that wait (from {@code decided} on)
     * @param awaiting what the waiting documents wait for from a person, in words; null when they
     *     wait for the service ({@code outage}) or none waits
     * @param waits each waiting document's own {@link Resolution.Waits}, by document id, where the
     *     provider said what it waits for (its words, a link for the person)
     */
    public record Result(
            List<SigningOutcome> outcomes,
            int decided,
            List<HashComputed> waiting,
            String outage,
            String awaiting,
            Map<String, Resolution.Waits> waits) {

        public Result {
            waits = waits == null ? Map.of() : Map.copyOf(waits);
        }

        public Result(
                List<SigningOutcome> outcomes,
                int decided,
                List<HashComputed> waiting,
                String outage,
                String awaiting) {
            this(outcomes, decided, waiting, outage, awaiting, Map.of());
        }

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
            return new Result(
                    all, decided + rest.decided(), rest.waiting(), rest.outage(), rest.awaiting(), rest.waits());
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
            return StoppedPoll.after(signer, documents, List.of(), 0, e);
        }
    }

    private Result decide(List<HashComputed> poll, ToIntFunction<HashComputed> attempts) {
        // Every document's entry, also of those that will wait: what a provider held in memory for them
        // (an approval group) may have been lost in a restart, and the entry says whether it was signed.
        Map<String, SigningIntent> intents =
                ledger.latest(poll.stream().map(HashComputed::documentId).toList());
        List<HashComputed> cancelledDocuments = cancelled(poll, intents);
        List<Resolution> resolutions = new ArrayList<>(poll.size());
        RuntimeException stoppedAt = null;
        for (HashComputed document : poll) {
            if (cancelledDocuments.contains(document)) {
                resolutions.add(new Resolution.Refused(
                        FailureReason.CANCELLED,
                        "the tenant cancelled batch " + document.batchId() + " before its signature was asked for"));
                continue;
            }
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
        List<HashComputed> resolved = poll.subList(0, resolutions.size());
        List<HashComputed> waiting = waiting(resolved, resolutions);
        if (!waiting.isEmpty() && signer.settle(waiting)) {
            // What the poll's waiting documents waited for came during the poll: they are signed in it.
            for (int i = 0; i < resolved.size(); i++) {
                if (resolutions.get(i) instanceof Resolution.Waits) {
                    resolutions.set(i, resolve(resolved.get(i), intents, attempts));
                }
            }
            waiting = waiting(resolved, resolutions);
        }
        int decided = 0;
        while (decided < resolved.size() && !(resolutions.get(decided) instanceof Resolution.Waits)) {
            decided++;
        }
        List<SigningOutcome> outcomes = new ArrayList<>(decided);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < decided; i++) {
            SigningOutcome outcome = outcomeOrGroup(resolved.get(i), resolutions.get(i), intents, attempts, groups);
            if (outcome != null) {
                outcomes.add(outcome);
            }
        }
        try {
            for (Group group : groups.values()) {
                int chunk = group.signer.maxBatchSize();
                for (int from = 0; from < group.documents.size(); from += chunk) {
                    int to = Math.min(from + chunk, group.documents.size());
                    outcomes.addAll(call.sign(
                            group.signer,
                            group.documents.subList(from, to),
                            group.held.subList(from, to),
                            group.signingDates.subList(from, to),
                            attempts));
                }
            }
        } catch (RuntimeException e) {
            return StoppedPoll.afterCall(signer, poll, outcomes, decided, e);
        }
        if (stoppedAt != null && decided == resolved.size()) {
            return StoppedPoll.after(signer, poll, outcomes, decided, stoppedAt);
        }
        return new Result(outcomes, decided, waiting, null, awaiting(resolutions), waits(resolved, resolutions));
    }

    /**
     * A decided document's outcome, or null when it is to be signed: then it is added to its signer's
     * group (with its ledger entry's signing date when the entry says to sign it again).
     */
    private SigningOutcome outcomeOrGroup(
            HashComputed document,
            Resolution resolution,
            Map<String, SigningIntent> intents,
            ToIntFunction<HashComputed> attempts,
            Map<String, Group> groups) {
        if (resolution instanceof Resolution.Refused refused) {
            return new SigningOutcome.Failed(document, refused.reason(), refused.message());
        }
        if (resolution instanceof Resolution.Started started) {
            return new SigningOutcome.Requested(
                    document, null, null, started.session(), started.requestedAt(), started.choice());
        }
        Signer key =
                resolution instanceof Resolution.Sign sign ? sign.signer() : ((Resolution.Held) resolution).signer();
        PreparedSignature held = resolution instanceof Resolution.Held h ? h.prepared() : null;
        SigningIntent intent = intents.get(document.documentId());
        if (intent != null && intent.attempt() == attempts.applyAsInt(document) && !inFlight(held, intent)) {
            SigningOutcome recovered = recovery.recover(document, key, held, intent);
            if (recovered != null) {
                return recovered;
            }
            group(groups, key).add(document, held, intent.signingDate());
        } else {
            group(groups, key).add(document, held, null);
        }
        return null;
    }

    /** What the first waiting document waits for: the documents of one poll wait for the same kind of act. */
    private static String awaiting(List<Resolution> resolutions) {
        return resolutions.stream()
                .filter(Resolution.Waits.class::isInstance)
                .map(r -> ((Resolution.Waits) r).why())
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Resolution.Waits> waits(List<HashComputed> documents, List<Resolution> resolutions) {
        Map<String, Resolution.Waits> waits = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            if (resolutions.get(i) instanceof Resolution.Waits w) {
                waits.put(documents.get(i).documentId(), w);
            }
        }
        return waits;
    }

    private Resolution resolve(
            HashComputed document, Map<String, SigningIntent> intents, ToIntFunction<HashComputed> attempts) {
        int attempt = attempts.applyAsInt(document);
        SigningIntent recorded = intents.get(document.documentId());
        return resolve(document, attempt, recorded != null && recorded.attempt() == attempt ? recorded : null);
    }

    /**
     * The poll's documents of cancelled batches that no remote call was recorded for: a call that
     * began (its entry) may have been signed, and a returned signature is never thrown away, so those
     * go on. The provider lets go of what it holds for the others (an approval group a person would
     * otherwise be asked to approve).
     */
    private List<HashComputed> cancelled(List<HashComputed> poll, Map<String, SigningIntent> intents) {
        Set<String> batches = this.cancelled.cancelled(poll.stream()
                .map(d -> BatchCancelled.keyOf(d.tenantId(), d.batchId()))
                .distinct()
                .toList());
        if (batches.isEmpty()) {
            return List.of();
        }
        List<HashComputed> documents = poll.stream()
                .filter(d -> batches.contains(BatchCancelled.keyOf(d.tenantId(), d.batchId())))
                .filter(d -> !intents.containsKey(d.documentId()))
                .toList();
        if (!documents.isEmpty()) {
            signer.cancelled(documents.stream().map(HashComputed::documentId).toList());
        }
        return documents;
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
            // PAdES signs the PDF revision's digest (HashComputed requires it), a detached format the
            // client's digest: neither a manifest.
            if (document.manifest() == null
                    && document.format() != SignatureFormat.PADES
                    && !document.format().detached()) {
                return new Resolution.Refused(FailureReason.INVALID_DOCUMENT, "an ASiC-E document needs a manifest");
            }
            return signer.resolve(document, attempt, recorded);
        }
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
