package dev.signingsuite.provider.smartid.signing;

import dev.signingsuite.events.CertificateChoice;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SignatureParameters;
import java.time.Instant;

/** What became of a document when its Smart-ID session was started. */
public sealed interface StartOutcome {

    HashComputed document();

    /**
     * The session runs; the person sees {@code session.verificationCode()} on the phone, or scans the
     * device link of a {@code certificateChoice} (then there are no parameters yet).
     */
    record Requested(
            HashComputed document,
            SignatureParameters parameters,
            byte[] dataToSignDigest,
            RemoteSession session,
            Instant requestedAt,
            CertificateChoice certificateChoice)
            implements StartOutcome {

        public Requested(
                HashComputed document,
                SignatureParameters parameters,
                byte[] dataToSignDigest,
                RemoteSession session,
                Instant requestedAt) {
            this(document, parameters, dataToSignDigest, session, requestedAt, null);
        }
    }

    /** No session: published as {@code DocumentFailed}. */
    record Failed(HashComputed document, FailureReason reason, String message) implements StartOutcome {}
}
