package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.messaging.batch.SigningOutcome;
import dev.signingsuite.provider.csc.client.CscCallException;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscCredential;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.signature.DssParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.spi.DSSASN1Utils;
import eu.europa.esig.dss.spi.DSSUtils;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * Signs a batch of documents with CSC credentials: the documents are grouped by signer identity
 * (each configured signer names its credential), DSS builds each document's data to be signed, and
 * the service signs a group's digests under one {@code credentials/authorize} and one {@code
 * signatures/signHash} per chunk of at most {@code min(maxBatchSize, multisign)}. A SCAL 1 SAD
 * covers the chunk's number of signatures; a SCAL 2 SAD is bound to exactly the chunk's hashes.
 * Every returned value is checked against the certificate before it is trusted.
 *
 * <p>Transient errors (no answer, 429, 5xx) are retried with the configured {@link Retry}, each
 * attempt with a fresh SAD; when the retries are used up the {@link CscCallException} propagates.
 * An expired SAD is replaced once by a new authorisation. Permanent errors end the affected
 * documents as {@link SigningOutcome.Failed}: a refused PIN or OTP, a locked credential or a SAD
 * that does not cover the hashes as {@link FailureReason#AUTHORISATION_REQUIRED}, never retried
 * (a retried wrong PIN only locks the credential).
 */
public final class BatchSigner {

    private static final Logger log = LoggerFactory.getLogger(BatchSigner.class);

    private final CscClient client;
    private final CAdESService cades;
    private final Retry retry;
    private final Clock clock;
    private final CscProperties properties;
    private final DistributionSummary batchSize;
    private final Timer duration;
    private final MeterRegistry meters;

    public BatchSigner(
            CscClient client,
            CAdESService cades,
            Retry retry,
            Clock clock,
            MeterRegistry meters,
            CscProperties properties) {
        this.client = client;
        this.cades = cades;
        this.retry = retry;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
        this.batchSize = DistributionSummary.builder("signing.provider.batch.size")
                .tag("provider", "csc")
                .publishPercentileHistogram()
                .register(meters);
        this.duration = Timer.builder("signing.stage.duration")
                .tag("stage", "provider")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** One outcome per document: first those refused before any call, then those of each group. */
    public List<SigningOutcome> sign(List<HashComputed> documents) {
        List<SigningOutcome> outcomes = new ArrayList<>(documents.size());
        Map<String, List<HashComputed>> groups = new LinkedHashMap<>();
        for (HashComputed document : documents) {
            SigningOutcome.Failed refused = precheck(document);
            if (refused != null) {
                outcomes.add(refused);
            } else {
                groups.computeIfAbsent(document.signer().identity(), k -> new ArrayList<>())
                        .add(document);
            }
        }
        groups.forEach((identity, group) ->
                outcomes.addAll(signGroup(properties.signer(identity).orElseThrow(), group)));
        return outcomes;
    }

    private List<SigningOutcome> signGroup(CscProperties.Signer signer, List<HashComputed> documents) {
        String credentialId = signer.credentialId();
        CscCredential credential;
        try {
            credential = retry.executeSupplier(() -> client.credential(credentialId));
        } catch (CscCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            return failAll(documents, Failures.reasonFor(e), "CSC credential " + credentialId + ": " + e.getMessage());
        }
        String unusable = unusable(credential, signer);
        if (unusable != null) {
            FailureReason reason = unusable.startsWith("certificate")
                    ? FailureReason.CERTIFICATE_INVALID
                    : unusable.startsWith("authorisation")
                            ? FailureReason.AUTHORISATION_REQUIRED
                            : FailureReason.SIGNER_UNAVAILABLE;
            return failAll(documents, reason, "CSC credential " + credentialId + ": " + unusable);
        }
        CscCredential.HashSigning signing =
                credential.sha256Signing(signer.preferPss()).orElseThrow();
        List<CscClient.Factor> factors = factors(credential, signer);
        int chunk = Math.min(properties.maxBatchSize(), credential.multisign());
        List<SigningOutcome> outcomes = new ArrayList<>(documents.size());
        for (int from = 0; from < documents.size(); from += chunk) {
            outcomes.addAll(signChunk(
                    documents.subList(from, Math.min(from + chunk, documents.size())), credential, signing, factors));
        }
        return outcomes;
    }

    private List<SigningOutcome> signChunk(
            List<HashComputed> documents,
            CscCredential credential,
            CscCredential.HashSigning signing,
            List<CscClient.Factor> factors) {
        long started = System.nanoTime();
        Instant signingDate = clock.instant();
        List<SigningOutcome> outcomes = new ArrayList<>(documents.size());
        List<Prepared> prepared = new ArrayList<>(documents.size());
        for (HashComputed document : documents) {
            try {
                prepared.add(prepare(document, credential, signing, signingDate));
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
            values = retry.executeSupplier(() -> authorizeAndSign(credential, digests, signing, factors));
        } catch (CscCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            log.warn(
                    "CSC refused a batch of {} for credential {}: {}", digests.size(), credential.id(), e.getMessage());
            String message = "CSC credential " + credential.id() + ": " + Failures.explain(e);
            prepared.forEach(p -> outcomes.add(failed(p.document(), Failures.reasonFor(e), message)));
            return outcomes;
        }
        Instant returnedAt = clock.instant();
        batchSize.record(digests.size());
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            byte[] value = credential.ecKey() ? derEcdsa(values.get(i)) : values.get(i);
            if (value != null && verifies(credential, signing, p.dataToSign(), value)) {
                outcomes.add(new SigningOutcome.Signed(
                        p.document(), p.parameters(), p.digest(), value, requestedAt, returnedAt));
            } else {
                outcomes.add(failed(
                        p.document(),
                        FailureReason.SIGNATURE_INVALID,
                        "the value CSC returned does not verify against the certificate of " + credential.id()));
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        documents.forEach(d -> duration.record(elapsed));
        return outcomes;
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
            meters.counter("signing.provider.reauthorizations", "provider", "csc")
                    .increment();
            return client.signHash(authorize(credential, digests, signing, factors), digests, signing);
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

    private Prepared prepare(
            HashComputed document, CscCredential credential, CscCredential.HashSigning signing, Instant signingDate) {
        SignatureParameters parameters = DssParameters.describe(
                document.format(),
                document.level(),
                signing.dssAlgorithm(),
                signingDate,
                credential.signingCertificate(),
                credential.issuers());
        ToBeSigned toBeSigned = cades.getDataToSign(
                DssParameters.manifest(document.manifest()), DssParameters.cadesBaselineB(parameters));
        byte[] dataToSign = toBeSigned.getBytes();
        DigestAlgorithm digest = signing.dssAlgorithm().getDigestAlgorithm();
        return new Prepared(document, parameters, dataToSign, DSSUtils.digest(digest, dataToSign));
    }

    private SigningOutcome.Failed precheck(HashComputed document) {
        if (properties.signer(document.signer().identity()).isEmpty()) {
            return failed(
                    document,
                    FailureReason.ACCOUNT_NOT_FOUND,
                    "CSC signer " + document.signer().identity() + " is not configured in provider-csc");
        }
        if (document.format() != SignatureFormat.ASIC_E_CADES) {
            return failed(
                    document,
                    FailureReason.STAGE_UNAVAILABLE,
                    "provider-csc does not produce " + document.format() + " yet");
        }
        if (document.manifest() == null) {
            return failed(document, FailureReason.INVALID_DOCUMENT, "an ASiC-E with CAdES document needs a manifest");
        }
        return null;
    }

    /** Why the credential cannot sign now, or null if it can. */
    private String unusable(CscCredential credential, CscProperties.Signer signer) {
        if (!credential.keyEnabled()) {
            return "key is disabled";
        }
        if (credential.certificateStatus() != null && !"valid".equals(credential.certificateStatus())) {
            return "certificate is " + credential.certificateStatus();
        }
        if (!credential.signingCertificate().isValidOn(Date.from(clock.instant()))) {
            return "certificate is outside its validity period";
        }
        if (credential.sha256Signing(signer.preferPss()).isEmpty()) {
            return "key offers no signature over SHA-256 that provider-csc makes (key.algo "
                    + credential.keyAlgorithms() + ")";
        }
        if (credential.authMode() == CscCredential.AuthMode.OAUTH2CODE) {
            return "authorisation is an OAuth 2.0 code with scope=credential that a person gives;"
                    + " provider-csc holds no such authorisation";
        }
        Optional<String> missing = credential.factorIds().stream()
                .filter(id -> signer.factor(id).isEmpty())
                .findFirst();
        if (credential.authMode() == CscCredential.AuthMode.EXPLICIT && missing.isPresent()) {
            return "authorisation needs the factor " + missing.get() + ", which is not configured for this signer";
        }
        return null;
    }

    private static List<CscClient.Factor> factors(CscCredential credential, CscProperties.Signer signer) {
        if (credential.authMode() != CscCredential.AuthMode.EXPLICIT) {
            return List.of();
        }
        return credential.factorIds().stream()
                .map(id -> new CscClient.Factor(id, signer.factor(id).orElseThrow()))
                .toList();
    }

    /** DER ECDSA-Sig-Value, as CAdES carries it; services may answer raw r‖s (P1363) instead. */
    private static byte[] derEcdsa(byte[] value) {
        try {
            return DSSASN1Utils.isAsn1EncodedSignatureValue(value)
                    ? value
                    : DSSASN1Utils.toStandardDSASignatureValue(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean verifies(
            CscCredential credential, CscCredential.HashSigning signing, byte[] dataToSign, byte[] value) {
        try {
            return cades.isValidSignatureValue(
                    new ToBeSigned(dataToSign),
                    new SignatureValue(signing.dssAlgorithm(), value),
                    credential.signingCertificate());
        } catch (RuntimeException e) {
            // A value of the wrong length or shape is as unusable as a wrong one.
            return false;
        }
    }

    private static List<SigningOutcome> failAll(List<HashComputed> documents, FailureReason reason, String message) {
        return documents.stream()
                .<SigningOutcome>map(d -> failed(d, reason, message))
                .toList();
    }

    private static SigningOutcome.Failed failed(HashComputed document, FailureReason reason, String message) {
        return new SigningOutcome.Failed(document, reason, message);
    }

    private record Prepared(HashComputed document, SignatureParameters parameters, byte[] dataToSign, byte[] digest) {}
}
