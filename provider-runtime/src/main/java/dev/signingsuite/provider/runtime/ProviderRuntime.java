package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.signature.DssParameters;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Where an asynchronous provider's poller hands in what a remote session ended with. A returned value
 * is verified against the certificate of its {@code SignatureRequested}, over the data to be signed
 * rebuilt from the request's parameters as augmentation-service will rebuild it, before it is
 * published; a value that does not verify ends the document as {@code SIGNATURE_INVALID}, never as
 * signed.
 */
public final class ProviderRuntime {

    private static final Logger log = LoggerFactory.getLogger(ProviderRuntime.class);

    private final String provider;
    private final ProviderOutbound outbound;
    private final DataToSign dataToSign;
    private final SignatureValueCheck check;
    private final SigningIntents ledger;
    private final Clock clock;

    public ProviderRuntime(String provider, ProviderOutbound outbound, DataToSign dataToSign) {
        this(provider, outbound, dataToSign, SigningIntents.NONE, Clock.systemUTC());
    }

    /** @param ledger records each value before it is published, so a redelivery republishes it */
    public ProviderRuntime(
            String provider, ProviderOutbound outbound, DataToSign dataToSign, SigningIntents ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
        this.provider = provider;
        this.outbound = outbound;
        this.dataToSign = dataToSign;
        this.check = new SignatureValueCheck(dataToSign.signatures());
    }

    /**
     * Verifies and publishes a value a remote session returned.
     *
     * @return {@code signed}, or {@code failed} when the value does not verify
     */
    public String returned(SignatureRequested requested, byte[] value, InboundEnvelope cause) {
        try (var id = MDC.putCloseable("document.id", requested.documentId());
                var batch = MDC.putCloseable("batch.id", requested.batchId());
                var name = MDC.putCloseable("provider", provider)) {
            byte[] verified = check.verified(
                            dataToSign.of(requested),
                            value,
                            DssParameters.signatureAlgorithm(requested.parameters()),
                            DssParameters.certificate(requested.parameters().signingCertificate()))
                    .orElse(null);
            if (verified == null) {
                failed(
                        requested,
                        FailureReason.SIGNATURE_INVALID,
                        "the value provider-" + provider + " was given does not verify against the certificate",
                        cause);
                return "failed";
            }
            if (requested.dataToSignDigest() != null) {
                ledger.write(List.of(returnedIntent(requested, verified)));
            }
            outbound.returned(requested, verified, cause);
            log.debug("Signature returned");
            return "signed";
        }
    }

    // Attempt 0: a poller's SignatureRequested does not carry the input's signing-attempt header.
    private SigningIntent returnedIntent(SignatureRequested requested, byte[] value) {
        RemoteSession session = requested.session();
        return new SigningIntent(
                SigningIntent.SCHEMA_VERSION,
                requested.documentId(),
                requested.batchId(),
                requested.tenantId(),
                requested.clientReference(),
                provider,
                0,
                requested.dataToSignDigest(),
                session == null ? null : session.sessionId(),
                SigningIntent.Status.RETURNED,
                value,
                clock.instant(),
                requested.parameters().signingDate());
    }

    /** {@code DocumentFailed} for a session that ended without a usable value. */
    public void failed(SignatureRequested requested, FailureReason reason, String message, InboundEnvelope cause) {
        outbound.failed(requested, reason, message, cause);
        log.info("Document {} failed: {} {}", requested.documentId(), reason, message);
    }

    /** A further {@code SignatureRequested} of the same document (a linked session). */
    public void requested(SignatureRequested requested, InboundEnvelope cause) {
        outbound.requested(requested, cause);
    }

    /** The outbound, for a poller that dead-letters records of its own binding. */
    public ProviderOutbound outbound() {
        return outbound;
    }
}
