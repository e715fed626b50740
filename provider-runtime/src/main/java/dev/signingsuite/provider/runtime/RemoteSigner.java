package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SigningIntent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The port: all that a remote signing provider writes. The runtime around it ({@link ProviderBatches},
 * {@link BatchSigning}, {@link ProviderOutbound}) consumes {@code HashComputed}, checks what every
 * provider checks, groups the documents by {@link Signer}, builds DSS's data to be signed with the
 * parameters carried forward ({@code DssParameters}), verifies every value the service returns
 * against the signer's certificate, publishes {@code SignatureRequested}, {@code SignatureReturned} or
 * {@code DocumentFailed}, hands back records that wait, dead-letters unreadable ones, counts and
 * traces.
 *
 * <p>Errors: a transient failure of the service that outlasts the provider's own retries is thrown
 * (the binder then retries or dead-letters the poll); a document's permanent failure is a {@link
 * Resolution.Refused} or a {@link Returned.Failed}, never an exception; "try again later" is {@link
 * Resolution.Waits} before signing and {@link SignerWaits} while signing.
 */
public interface RemoteSigner {

    /** The provider's short name: the {@code provider} tag of its metrics and MDC, e.g. {@code csc}. */
    String name();

    /**
     * Who signs the document: its signer's certificate chain and algorithm ({@link Resolution.Sign}),
     * a signature prepared earlier that the provider held ({@link Resolution.Held}), why it cannot be
     * signed ({@link Resolution.Refused}), that it waits for a person ({@link Resolution.Waits}), or
     * that a remote session was started before any certificate is known ({@link Resolution.Started}).
     * Called for every document of a poll, in poll order; the format and the manifest are checked
     * before. May call the service (describing a signer is usually cached by the client).
     */
    Resolution resolve(HashComputed document);

    /**
     * {@link #resolve(HashComputed)}, told what the ledger recorded for this delivery's attempt: a
     * provider that holds documents in memory until a person approves them (approval groups) has lost
     * them after a restart, and the entry says whether their group's call was made. A {@link
     * Resolution.Sign} for a document with an entry is answered from the ledger as usual.
     *
     * @param attempt the delivery's {@code signing-attempt}, for the entries a provider writes itself
     * @param recorded the document's entry of this attempt, or null
     */
    default Resolution resolve(HashComputed document, int attempt, SigningIntent recorded) {
        return resolve(document);
    }

    /**
     * Called once per poll, after every document was resolved, with those that wait: a provider that
     * can end their wait at once (the sandbox's automatic approval of the poll's approval groups) does
     * so and returns true; they are then resolved again and signed in this poll instead of after a
     * {@link #recheck()}. By default nothing changes.
     */
    default boolean settle(List<HashComputed> waiting) {
        return false;
    }

    /**
     * These documents' batch was cancelled before any call was made for them (ADR 31): they end
     * {@code CANCELLED} and their records are not delivered again. A provider that holds them (an
     * approval group waiting for a person) lets go of them. By default it holds nothing.
     */
    default void cancelled(List<String> documentIds) {}

    /**
     * Signs one group of prepared signatures of the same signer, at most {@link
     * Signer#maxBatchSize()} of them, with one call where the API allows.
     *
     * @return one answer per prepared signature, in order: a value (the runtime verifies it), a
     *     failure of that document, or a session whose value comes later
     * @throws SignerWaits when nothing can be signed now (authorisation gone, service away) and the
     *     poll should come again after {@link #recheck()}
     */
    List<Returned> sign(Signer signer, List<PreparedSignature> group);

    /**
     * The signing date that goes into the signed attributes. By default the time of the call; a
     * provider whose service deduplicates requests by digest returns something stable instead.
     */
    default Instant signingDate(HashComputed document, Instant now) {
        return now;
    }

    /**
     * Whether a document may be signed again when the ledger says a call for it began but no answer
     * was recorded (the instance stopped between the call and the entry): the repeated call signs
     * the same digest, since the runtime rebuilds the data to be signed with the recorded signing
     * date. Right for a seal (a second seal signature over the same digest is harmless); wrong where
     * a person would be asked again. By default no: the document fails instead.
     *
     * @param started the entry written before the lost call
     */
    default boolean mayAskAgain(SigningIntent started, Instant now) {
        return false;
    }

    /**
     * The session a redelivered document resumes, rebuilt from the ledger: a poller then waits on it
     * as on a new one, and the person is not asked again.
     */
    default RemoteSession resumed(SigningIntent started, PreparedSignature prepared) {
        return new RemoteSession(started.remoteSessionId(), null, null, null);
    }

    /**
     * Whether an exception {@link #resolve} or {@link #sign} threw means that the service is away
     * (I/O, 5xx, 429 after the provider's retries): the poll is then parked like {@link
     * SignerWaits#unavailable}, never dead-lettered.
     */
    default boolean isOutage(RuntimeException e) {
        return false;
    }

    /** How long a record that waits stays away before it is delivered again. */
    default Duration recheck() {
        return Duration.ofSeconds(5);
    }
}
