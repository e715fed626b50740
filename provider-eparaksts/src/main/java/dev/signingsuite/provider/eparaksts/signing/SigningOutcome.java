package dev.signingsuite.provider.eparaksts.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureParameters;
import java.time.Instant;

/** What became of one document of a batch. */
public sealed interface SigningOutcome {

    HashComputed document();

    /** The platform returned a value that verifies against the seal certificate. */
    record Signed(
            HashComputed document,
            SignatureParameters parameters,
            byte[] dataToSignDigest,
            byte[] signatureValue,
            Instant requestedAt,
            Instant returnedAt)
            implements SigningOutcome {}

    /** The document cannot be sealed; published as {@code DocumentFailed}. */
    record Failed(HashComputed document, FailureReason reason, String message) implements SigningOutcome {}
}
