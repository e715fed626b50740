package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.CertificateChoice;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SignatureParameters;
import java.time.Instant;

/** What became of one document of a poll: shared by every provider. */
public sealed interface SigningOutcome {

    HashComputed document();

    /**
     * The signing service returned a value that verifies against the certificate.
     *
     * @param dataToSignDigest the digest of DSS's data to be signed, the hash the service signed
     */
    record Signed(
            HashComputed document,
            SignatureParameters parameters,
            byte[] dataToSignDigest,
            byte[] signatureValue,
            Instant requestedAt,
            Instant returnedAt)
            implements SigningOutcome {}

    /**
     * A remote session runs; its value comes later. Without parameters while the person still
     * chooses the certificate ({@code certificateChoice}).
     */
    record Requested(
            HashComputed document,
            SignatureParameters parameters,
            byte[] dataToSignDigest,
            RemoteSession session,
            Instant requestedAt,
            CertificateChoice certificateChoice)
            implements SigningOutcome {}

    /** The document cannot be signed; published as {@code DocumentFailed}. */
    record Failed(HashComputed document, FailureReason reason, String message) implements SigningOutcome {}
}
