package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.CertificateChoice;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.RemoteSession;
import java.time.Instant;

/** What {@link RemoteSigner#resolve} decided for one document. */
public sealed interface Resolution {

    /** Sign it with this signer: the runtime prepares the data to be signed and groups. */
    record Sign(Signer signer) implements Resolution {}

    /**
     * Sign it with this signer, with a preparation the provider held since the document first came
     * (e.g. hashes a person approved): the runtime must not prepare it again.
     */
    record Held(Signer signer, PreparedSignature prepared) implements Resolution {}

    /** It cannot be signed: published as {@code DocumentFailed}. */
    record Refused(FailureReason reason, String message) implements Resolution {}

    /**
     * It waits (for a person's approval, for an authorisation): neither signed nor failed. The poll is
     * acknowledged up to the first waiting document and handed back from there.
     *
     * @param why what it waits for, in words that name no personal data beyond a masked identifier
     * @param link where the person acts (its {@code deviceLink}), published with the waiting status;
     *     null when the person acts elsewhere (an operator page)
     */
    record Waits(String why, RemoteSession link) implements Resolution {

        public Waits(String why) {
            this(why, null);
        }
    }

    /**
     * A remote session started before the certificate is known (the person chooses it): published as
     * {@code SignatureRequested} without parameters; the provider's poller carries on.
     */
    record Started(RemoteSession session, CertificateChoice choice, Instant requestedAt) implements Resolution {}
}
