package dev.signingsuite.provider.eparaksts.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.provider.eparaksts.authorisation.SealAuthorisation;
import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.SealIdentity;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.RemoteSigner;
import dev.signingsuite.provider.runtime.Resolution;
import dev.signingsuite.provider.runtime.Returned;
import dev.signingsuite.provider.runtime.Signer;
import dev.signingsuite.provider.runtime.SignerWaits;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import io.github.resilience4j.retry.Retry;
import java.security.interfaces.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eParaksts eZīmogs+ behind the runtime's port: a document's {@code signer.identity} picks one of the
 * authorised person's seals ({@link SealSelection}); one {@code raw/batch} call signs a chunk of at
 * most {@code maxBatchSize} digests. A batch the platform refuses as a whole is retried document by
 * document with {@code server/raw}, so only the documents at fault fail.
 *
 * <p>While there is no authorisation, or the platform ends it or is down, documents wait: the poll
 * is handed back and sealed once the person has logged in again; none fails, none is lost.
 */
public final class SealSigner implements RemoteSigner {

    private static final Logger log = LoggerFactory.getLogger(SealSigner.class);

    private final EparakstsClient client;
    private final SealAuthorisation authorisation;
    private final Retry retry;
    private final Clock clock;
    private final IssuerChain issuers;
    private final String defaultSeal;
    private final int maxBatchSize;
    private final Duration wait;

    public SealSigner(
            EparakstsClient client,
            SealAuthorisation authorisation,
            Retry retry,
            Clock clock,
            IssuerChain issuers,
            String defaultSeal,
            int maxBatchSize,
            Duration wait) {
        this.client = client;
        this.authorisation = authorisation;
        this.retry = retry;
        this.clock = clock;
        this.issuers = issuers;
        this.defaultSeal = defaultSeal;
        this.maxBatchSize = maxBatchSize;
        this.wait = wait;
    }

    @Override
    public String name() {
        return "eparaksts";
    }

    /**
     * A seal: signing the same digest again (the runtime rebuilds it with the recorded signing date)
     * gives a second valid value of the same signature, and nobody is asked twice.
     */
    @Override
    public boolean mayAskAgain(SigningIntent started, Instant now) {
        return true;
    }

    @Override
    public Duration recheck() {
        return wait;
    }

    @Override
    public Resolution resolve(HashComputed document) {
        Optional<SealAuthorisation.Grant> grant = authorisation.grant();
        if (grant.isEmpty()) {
            return new Resolution.Waits("eParaksts seal authorisation needed");
        }
        StringBuilder why = new StringBuilder();
        Optional<SealIdentity> selected =
                SealSelection.select(document.signer().identity(), grant.get().seals(), defaultSeal, why);
        if (selected.isEmpty()) {
            return new Resolution.Refused(FailureReason.ACCOUNT_NOT_FOUND, why.toString());
        }
        SealIdentity seal = selected.get();
        if (!seal.certificate().isValidOn(Date.from(clock.instant()))) {
            return new Resolution.Refused(FailureReason.CERTIFICATE_INVALID, "the seal certificate is not valid now");
        }
        boolean ecdsa = seal.certificate().getPublicKey() instanceof ECKey;
        return new Resolution.Sign(new Signer(
                seal.id(),
                seal.certificate(),
                issuers.of(seal.certificate()),
                ecdsa ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.RSA_SHA256,
                maxBatchSize));
    }

    @Override
    public List<Returned> sign(Signer seal, List<PreparedSignature> group) {
        String token = authorisation
                .grant()
                .orElseThrow(() -> new SignerWaits("eParaksts seal authorisation needed"))
                .token();
        String wireAlgorithm =
                seal.algorithm().getEncryptionAlgorithm() == EncryptionAlgorithm.ECDSA ? "ecdsa" : "rsa-sha256";
        List<byte[]> digests = group.stream().map(PreparedSignature::digest).toList();
        try {
            return call(token, () -> client.signBatch(token, seal.id(), wireAlgorithm, digests)).stream()
                    .<Returned>map(Returned.Value::new)
                    .toList();
        } catch (EparakstsCallException e) {
            if (e.isTransient()) {
                throw new SignerWaits("eParaksts unavailable: " + e.getMessage());
            }
            log.warn("eParaksts refused a batch of {}: {}; signing one by one", digests.size(), e.getMessage());
        }
        List<Returned> answers = new ArrayList<>(group.size());
        for (PreparedSignature p : group) {
            try {
                answers.add(new Returned.Value(
                        call(token, () -> client.signRaw(token, seal.id(), wireAlgorithm, p.digest()))));
            } catch (EparakstsCallException single) {
                answers.add(new Returned.Failed(reasonFor(single), single.getMessage()));
            }
        }
        return answers;
    }

    /** Transient errors are retried; a refused token ends the authorisation and hands the poll back. */
    private <T> T call(String token, Supplier<T> call) {
        try {
            return retry.executeSupplier(call);
        } catch (EparakstsCallException e) {
            if (e.isUnauthorized()) {
                authorisation.ended(token);
                throw new SignerWaits("eParaksts ended the seal authorisation");
            }
            throw e;
        }
    }

    private static FailureReason reasonFor(EparakstsCallException e) {
        if (e.isTransient()) {
            return FailureReason.SIGNER_UNAVAILABLE;
        }
        return switch (e.status()) {
            case 403 -> FailureReason.AUTHORISATION_REQUIRED;
            case 404 -> FailureReason.ACCOUNT_NOT_FOUND;
            default -> FailureReason.SIGNER_UNAVAILABLE;
        };
    }
}
