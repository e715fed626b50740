package dev.signingsuite.provider.eparaksts.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.messaging.batch.SigningOutcome;
import dev.signingsuite.provider.eparaksts.authorisation.SealAuthorisation;
import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.SealIdentity;
import dev.signingsuite.signature.DssParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals documents in batches: documents are grouped per seal identity and chunked to {@code
 * maxBatchSize}, DSS builds each data to be signed, one {@code raw/batch} call signs a chunk, and
 * every value is verified against the seal certificate. A batch the platform refuses as a whole is
 * retried document by document with {@code server/raw}, so only the documents at fault fail.
 *
 * @throws AuthorisationMissing from {@link #sign} when there is no authorisation or the platform
 *     ends it: nothing is published for the poll, which waits and is signed again afterwards
 */
public final class SealSigner {

    private static final Logger log = LoggerFactory.getLogger(SealSigner.class);

    private final EparakstsClient client;
    private final SealAuthorisation authorisation;
    private final CAdESService cades;
    private final Retry retry;
    private final Clock clock;
    private final IssuerChain issuers;
    private final String defaultSeal;
    private final int maxBatchSize;
    private final DistributionSummary batchSize;
    private final Timer duration;

    public SealSigner(
            EparakstsClient client,
            SealAuthorisation authorisation,
            CAdESService cades,
            Retry retry,
            Clock clock,
            MeterRegistry meters,
            IssuerChain issuers,
            String defaultSeal,
            int maxBatchSize) {
        this.client = client;
        this.authorisation = authorisation;
        this.cades = cades;
        this.retry = retry;
        this.clock = clock;
        this.issuers = issuers;
        this.defaultSeal = defaultSeal;
        this.maxBatchSize = maxBatchSize;
        this.batchSize = SigningMeters.batchSize(meters, "eparaksts");
        this.duration = SigningMeters.stageDuration(meters, "provider");
    }

    public List<SigningOutcome> sign(List<HashComputed> documents) {
        SealAuthorisation.Grant grant = authorisation
                .grant()
                .orElseThrow(() -> new AuthorisationMissing("eParaksts seal authorisation needed"));
        List<SigningOutcome> outcomes = new ArrayList<>(documents.size());
        Map<SealIdentity, List<HashComputed>> groups = new LinkedHashMap<>();
        for (HashComputed document : documents) {
            StringBuilder why = new StringBuilder();
            Optional<SealIdentity> seal =
                    SealSelection.select(document.signer().identity(), grant.seals(), defaultSeal, why);
            SigningOutcome.Failed refused = seal.isEmpty()
                    ? failed(document, FailureReason.ACCOUNT_NOT_FOUND, why.toString())
                    : precheck(document, seal.get());
            if (refused != null) {
                outcomes.add(refused);
            } else {
                groups.computeIfAbsent(seal.get(), s -> new ArrayList<>()).add(document);
            }
        }
        for (Map.Entry<SealIdentity, List<HashComputed>> group : groups.entrySet()) {
            List<HashComputed> members = group.getValue();
            for (int from = 0; from < members.size(); from += maxBatchSize) {
                long started = System.nanoTime();
                List<SigningOutcome> signed = signChunk(
                        grant.token(),
                        group.getKey(),
                        members.subList(from, Math.min(from + maxBatchSize, members.size())));
                // Each document of the call waited for all of it, as provider-csc records it.
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                signed.forEach(outcome -> duration.record(elapsed));
                outcomes.addAll(signed);
            }
        }
        return outcomes;
    }

    private List<SigningOutcome> signChunk(String token, SealIdentity seal, List<HashComputed> documents) {
        Instant signingDate = clock.instant();
        boolean ecdsa = seal.certificate().getPublicKey() instanceof ECKey;
        SignatureAlgorithm algorithm = ecdsa ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.RSA_SHA256;
        String wireAlgorithm = ecdsa ? "ecdsa" : "rsa-sha256";
        List<CertificateToken> chain = issuers.of(seal.certificate());
        List<SigningOutcome> outcomes = new ArrayList<>(documents.size());
        List<Prepared> prepared = new ArrayList<>(documents.size());
        for (HashComputed document : documents) {
            try {
                SignatureParameters parameters = DssParameters.describe(
                        document.format(), document.level(), algorithm, signingDate, seal.certificate(), chain);
                byte[] dataToSign = cades.getDataToSign(
                                DssParameters.manifest(document.manifest()), DssParameters.cadesBaselineB(parameters))
                        .getBytes();
                prepared.add(new Prepared(document, parameters, dataToSign, sha256(dataToSign)));
            } catch (RuntimeException e) {
                outcomes.add(failed(
                        document, FailureReason.INVALID_DOCUMENT, "cannot build the data to sign: " + e.getMessage()));
            }
        }
        if (prepared.isEmpty()) {
            return outcomes;
        }
        List<byte[]> digests = prepared.stream().map(Prepared::digest).toList();
        Instant requestedAt = clock.instant();
        List<byte[]> values;
        try {
            values = call(token, () -> client.signBatch(token, seal.id(), wireAlgorithm, digests));
            batchSize.record(digests.size());
        } catch (EparakstsCallException e) {
            if (e.isTransient()) {
                throw e; // the poll waits and is redelivered, like a missing authorisation
            }
            log.warn("eParaksts refused a batch of {}: {}; signing one by one", digests.size(), e.getMessage());
            values = new ArrayList<>();
            for (Prepared p : prepared) {
                try {
                    values.add(call(token, () -> client.signRaw(token, seal.id(), wireAlgorithm, p.digest())));
                } catch (EparakstsCallException single) {
                    values.add(null);
                    outcomes.add(failed(p.document(), reasonFor(single), single.getMessage()));
                }
            }
        }
        Instant returnedAt = clock.instant();
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            byte[] value = values.get(i);
            if (value == null) {
                continue;
            }
            if (verifies(seal.certificate(), algorithm, p.dataToSign(), value)) {
                outcomes.add(new SigningOutcome.Signed(
                        p.document(), p.parameters(), p.digest(), value, requestedAt, returnedAt));
            } else {
                outcomes.add(failed(
                        p.document(),
                        FailureReason.SIGNATURE_INVALID,
                        "the value eParaksts returned does not verify against the seal certificate of "
                                + seal.cnLabel()));
            }
        }
        return outcomes;
    }

    /** Transient errors are retried; a refused token ends the authorisation and stops the poll. */
    private <T> T call(String token, java.util.function.Supplier<T> call) {
        try {
            return retry.executeSupplier(call);
        } catch (EparakstsCallException e) {
            if (e.isUnauthorized()) {
                authorisation.ended(token);
                throw new AuthorisationMissing("eParaksts ended the seal authorisation");
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

    private SigningOutcome.Failed precheck(HashComputed document, SealIdentity seal) {
        if (document.format() != SignatureFormat.ASIC_E_CADES) {
            return failed(
                    document,
                    FailureReason.STAGE_UNAVAILABLE,
                    "provider-eparaksts does not produce " + document.format() + " yet");
        }
        if (document.manifest() == null) {
            return failed(document, FailureReason.INVALID_DOCUMENT, "an ASiC-E with CAdES document needs a manifest");
        }
        if (!seal.certificate().isValidOn(Date.from(clock.instant()))) {
            return failed(document, FailureReason.CERTIFICATE_INVALID, "the seal certificate is not valid now");
        }
        return null;
    }

    private static boolean verifies(
            CertificateToken certificate, SignatureAlgorithm algorithm, byte[] dataToSign, byte[] value) {
        try {
            Signature signature = Signature.getInstance(algorithm.getJCEId());
            signature.initVerify(certificate.getPublicKey());
            signature.update(dataToSign);
            return signature.verify(value);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static SigningOutcome.Failed failed(HashComputed document, FailureReason reason, String message) {
        return new SigningOutcome.Failed(document, reason, message);
    }

    private record Prepared(HashComputed document, SignatureParameters parameters, byte[] dataToSign, byte[] digest) {}
}
