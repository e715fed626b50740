package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.provider.csc.client.CscCallException;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscCredential;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.Returned;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chunk's hashes under one Signature Activation Data: a SCAL 1 SAD covers the chunk's number of
 * signatures, a SCAL 2 SAD is bound to exactly the chunk's hashes. Transient errors are retried
 * with the configured {@link Retry}, each attempt with a fresh SAD; an expired SAD is replaced once.
 * Permanent errors fail the chunk's documents: a refused PIN or OTP, a locked credential or a SAD
 * that does not cover the hashes as AUTHORISATION_REQUIRED, never retried (a retried wrong PIN only
 * locks the credential). Where tokens are single-use, a signHash whose answer was lost is not
 * retried: the service may have signed, and a retry would sign the same hashes again; its
 * documents fail SIGNER_UNAVAILABLE. So do those of an asynchronous signHash that was accepted but
 * whose result polling never had, whatever the profile.
 */
final class SadSigning {

    private static final Logger log = LoggerFactory.getLogger(SadSigning.class);

    private final CscClient client;
    private final Retry retry;
    private final MeterRegistry meters;
    private final boolean singleUse;

    SadSigning(CscClient client, Retry retry, MeterRegistry meters, boolean singleUse) {
        this.client = client;
        this.retry = retry;
        this.meters = meters;
        this.singleUse = singleUse;
    }

    List<Returned> sign(CscCredential credential, List<PreparedSignature> chunk, CscProperties.Signer signer) {
        CscCredential.HashSigning signing =
                credential.sha256Signing(signer.preferPss()).orElseThrow();
        List<CscClient.Factor> factors = Usability.factors(credential, signer);
        List<byte[]> digests = chunk.stream().map(PreparedSignature::digest).toList();
        try {
            List<byte[]> values = retry.executeSupplier(() -> {
                try {
                    return authorizeAndSign(credential, digests, signing, factors);
                } catch (CscCallException e) {
                    if (singleUse && e.isAnswerLost() && "signatures/signHash".equals(e.method())) {
                        throw new LostAnswer(e);
                    }
                    if (e.isAcceptedUnanswered()) {
                        // Out of every retry's reach: the accepted signHash may have signed.
                        throw new LostAnswer(e);
                    }
                    throw e;
                }
            });
            return values.stream().<Returned>map(Returned.Value::new).toList();
        } catch (LostAnswer lost) {
            CscCallException cause = (CscCallException) lost.getCause();
            log.warn(
                    "CSC signHash of {} for credential {} got no result ({}); it may have signed, so it is not"
                            + " asked again",
                    digests.size(),
                    credential.id(),
                    cause.error());
            String message = cause.isAcceptedUnanswered()
                    ? "CSC credential " + credential.id() + ": " + Failures.explain(cause)
                    : Failures.lost(credential.id(), lost);
            Returned failed = new Returned.Failed(FailureReason.SIGNER_UNAVAILABLE, message);
            return chunk.stream().map(p -> failed).toList();
        } catch (CscCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            log.warn(
                    "CSC refused a batch of {} for credential {}: {}", digests.size(), credential.id(), e.getMessage());
            Returned failed = new Returned.Failed(
                    Failures.reasonFor(e), "CSC credential " + credential.id() + ": " + Failures.explain(e));
            return chunk.stream().map(p -> failed).toList();
        }
    }

    /**
     * One authorisation and one signHash; an expired SAD (the service was slow, or its clock runs
     * ahead) is replaced once.
     */
    private List<byte[]> authorizeAndSign(
            CscCredential credential,
            List<byte[]> digests,
            CscCredential.HashSigning signing,
            List<CscClient.Factor> factors) {
        CscClient.Sad sad = authorize(credential, digests, signing, factors);
        try {
            return client.signHash(sad, digests, signing);
        } catch (CscCallException e) {
            if (!e.isExpiredSad()) {
                throw e;
            }
            log.info("CSC SAD of credential {} expired before signHash; authorising again", credential.id());
            SigningMeters.reauthorisations(meters, "csc").increment();
            return client.signHash(authorize(credential, digests, signing, factors), digests, signing);
        }
    }

    /**
     * A signHash that may have signed without our having the values: its answer lost under single-use
     * tokens, or an accepted asynchronous one whose result never came. Not retried, not transient.
     */
    private static final class LostAnswer extends RuntimeException {
        LostAnswer(CscCallException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private CscClient.Sad authorize(
            CscCredential credential,
            List<byte[]> digests,
            CscCredential.HashSigning signing,
            List<CscClient.Factor> factors) {
        if (factors.stream().anyMatch(f -> f.id().equalsIgnoreCase("OTP"))) {
            client.sendOtp(credential.id(), "OTP");
        }
        boolean bound = credential.scal() == 2;
        return client.authorize(
                credential.id(),
                digests.size(),
                bound ? digests : null,
                bound ? signing.dssAlgorithm().getDigestAlgorithm().getOid() : null,
                factors);
    }
}
