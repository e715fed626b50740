package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SigningIntent;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a redelivered document whose ledger entry exists becomes, without a second remote signature:
 * a returned value is published again, a started session is resumed, and a call whose answer was
 * lost is asked again only where the provider says that is safe.
 */
final class IntentRecovery {

    private static final Logger log = LoggerFactory.getLogger(IntentRecovery.class);

    private final RemoteSigner signer;
    private final DataToSign dataToSign;
    private final SignatureValueCheck check;
    private final Clock clock;

    IntentRecovery(RemoteSigner signer, DataToSign dataToSign, SignatureValueCheck check, Clock clock) {
        this.signer = signer;
        this.dataToSign = dataToSign;
        this.check = check;
        this.clock = clock;
    }

    /**
     * @return the document's outcome, or null when it is to be signed again with the entry's signing
     *     date (which rebuilds the same digest)
     */
    SigningOutcome recover(HashComputed document, Signer key, PreparedSignature held, SigningIntent intent) {
        if (intent.signingDate() == null && held == null) {
            return failed(document, "its ledger entry has no signing date, so its data to be signed cannot be rebuilt");
        }
        PreparedSignature prepared;
        try {
            prepared = held != null
                    ? new PreparedSignature(document, held.parameters(), held.dataToSign(), held.digest())
                    : dataToSign.prepare(document, key, intent.signingDate());
        } catch (RuntimeException e) {
            return new SigningOutcome.Failed(
                    document, FailureReason.INVALID_DOCUMENT, "cannot build the data to sign: " + e.getMessage());
        }
        if (!Arrays.equals(prepared.digest(), intent.dataToSignDigest())) {
            // Another certificate or algorithm than at the first delivery: the recorded call was for other data.
            return failed(document, "the signature recorded for it covers other data to be signed than it now has");
        }
        switch (intent.status()) {
            case RETURNED -> {
                log.info("Signature value of document {} republished from the ledger", document.documentId());
                return check.verified(
                                prepared.dataToSign(), intent.signatureValue(), key.algorithm(), key.certificate())
                        .<SigningOutcome>map(value -> new SigningOutcome.Signed(
                                document, prepared.parameters(), prepared.digest(), value, intent.at(), intent.at()))
                        .orElseGet(() -> new SigningOutcome.Failed(
                                document,
                                FailureReason.SIGNATURE_INVALID,
                                "the value recorded for it does not verify against the certificate of " + key.id()));
            }
            case STARTED -> {
                if (intent.remoteSessionId() != null) {
                    log.info("Document {} resumes session {}", document.documentId(), intent.remoteSessionId());
                    return new SigningOutcome.Requested(
                            document,
                            prepared.parameters(),
                            prepared.digest(),
                            signer.resumed(intent, prepared),
                            intent.at(),
                            null);
                }
                if (signer.mayAskAgain(intent, clock.instant())) {
                    log.warn(
                            "The answer for document {} was lost; provider-{} signs the same digest again",
                            document.documentId(),
                            signer.name());
                    return null;
                }
                return failed(
                        document,
                        "provider-" + signer.name() + " stopped after asking for its signature and before the answer"
                                + " was recorded; it does not ask again");
            }
            default -> throw new IllegalStateException("unknown status " + intent.status());
        }
    }

    private static SigningOutcome failed(HashComputed document, String message) {
        return new SigningOutcome.Failed(document, FailureReason.INTERNAL_ERROR, message);
    }
}
