package dev.signingsuite.messaging.batch;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureParameters;
import java.time.Instant;

/** What became of one document of a batch a provider signed: shared by the batching providers. */
public sealed interface SigningOutcome {

    HashComputed document();

    /**
     * The signing service returned a value that verifies against the certificate.
     *
     * @param dataToSignDigest the SHA-256 of DSS's data to be signed, the hash the service signed
     */
    record Signed(
            HashComputed document,
            SignatureParameters parameters,
            byte[] dataToSignDigest,
            byte[] signatureValue,
            Instant requestedAt,
            Instant returnedAt)
            implements SigningOutcome {}

    /** The document cannot be signed; published as {@code DocumentFailed}. */
    record Failed(HashComputed document, FailureReason reason, String message) implements SigningOutcome {}
}
