package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.messaging.batch.SigningOutcome;
import dev.signingsuite.provider.csc.client.CscCallException;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscCredential;
import dev.signingsuite.signature.DssParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.ToBeSigned;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a batch of documents with the configured CSC credential: DSS builds each document's data to
 * be signed, the service signs all their SHA-256 digests under one {@code credentials/authorize}
 * and one {@code signatures/signHash} per chunk of at most {@code min(maxBatchSize, multisign)},
 * and every value is checked against the certificate before it is trusted.
 *
 * <p>Transient errors (no answer, 429, 5xx) are retried with the configured {@link Retry}, each
 * attempt with a fresh SAD; when the retries are used up the {@link CscCallException} propagates.
 * Permanent errors end the affected documents as {@link SigningOutcome.Failed}.
 */
public final class BatchSigner {

    private static final Logger log = LoggerFactory.getLogger(BatchSigner.class);
    private static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.RSA_SHA256;

    private final CscClient client;
    private final CAdESService cades;
    private final Retry retry;
    private final Clock clock;
    private final String credentialId;
    private final int maxBatchSize;
    private final DistributionSummary batchSize;
    private final Timer duration;

    public BatchSigner(
            CscClient client,
            CAdESService cades,
            Retry retry,
            Clock clock,
            MeterRegistry meters,
            String credentialId,
            int maxBatchSize) {
        this.client = client;
        this.cades = cades;
        this.retry = retry;
        this.clock = clock;
        this.credentialId = credentialId;
        this.maxBatchSize = maxBatchSize;
        this.batchSize = DistributionSummary.builder("signing.provider.batch.size")
                .tag("provider", "csc")
                .publishPercentileHistogram()
                .register(meters);
        this.duration = Timer.builder("signing.stage.duration")
                .tag("stage", "provider")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** One outcome per document: first those refused before any call, then those of each chunk. */
    public List<SigningOutcome> sign(List<HashComputed> documents) {
        List<SigningOutcome> outcomes = new ArrayList<>(documents.size());
        List<HashComputed> signable = new ArrayList<>();
        for (HashComputed document : documents) {
            SigningOutcome.Failed refused = precheck(document);
            if (refused != null) {
                outcomes.add(refused);
            } else {
                signable.add(document);
            }
        }
        if (signable.isEmpty()) {
            return outcomes;
        }
        CscCredential credential;
        try {
            credential = retry.executeSupplier(client::credential);
        } catch (CscCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            signable.forEach(d -> outcomes.add(failed(d, Failures.reasonFor(e), e.getMessage())));
            return outcomes;
        }
        String unusable = unusable(credential);
        if (unusable != null) {
            FailureReason reason = unusable.startsWith("certificate")
                    ? FailureReason.CERTIFICATE_INVALID
                    : FailureReason.SIGNER_UNAVAILABLE;
            signable.forEach(d -> outcomes.add(failed(d, reason, "CSC credential " + credentialId + ": " + unusable)));
            return outcomes;
        }
        int chunk = Math.min(maxBatchSize, credential.multisign());
        for (int from = 0; from < signable.size(); from += chunk) {
            outcomes.addAll(signChunk(signable.subList(from, Math.min(from + chunk, signable.size())), credential));
        }
        return outcomes;
    }

    private List<SigningOutcome> signChunk(List<HashComputed> documents, CscCredential credential) {
        long started = System.nanoTime();
        Instant signingDate = clock.instant();
        List<SigningOutcome> outcomes = new ArrayList<>(documents.size());
        List<Prepared> prepared = new ArrayList<>(documents.size());
        for (HashComputed document : documents) {
            try {
                prepared.add(prepare(document, credential, signingDate));
            } catch (RuntimeException e) {
                outcomes.add(failed(
                        document, FailureReason.INVALID_DOCUMENT, "cannot build the data to sign: " + e.getMessage()));
            }
        }
        if (prepared.isEmpty()) {
            return outcomes;
        }
        List<byte[]> digests = prepared.stream().map(Prepared::digest).toList();
        CscCredential.HashSigning algorithm = credential.rsaSha256().orElseThrow();
        Instant requestedAt = clock.instant();
        List<byte[]> values;
        try {
            values = retry.executeSupplier(() -> client.signHash(client.authorize(digests.size()), digests, algorithm));
        } catch (CscCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            log.warn("CSC refused a batch of {}: {}", digests.size(), e.getMessage());
            prepared.forEach(p -> outcomes.add(failed(p.document(), Failures.reasonFor(e), e.getMessage())));
            return outcomes;
        }
        Instant returnedAt = clock.instant();
        batchSize.record(digests.size());
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            if (verifies(credential, p.dataToSign(), values.get(i))) {
                outcomes.add(new SigningOutcome.Signed(
                        p.document(), p.parameters(), p.digest(), values.get(i), requestedAt, returnedAt));
            } else {
                outcomes.add(failed(
                        p.document(),
                        FailureReason.SIGNATURE_INVALID,
                        "the value CSC returned does not verify against the certificate of " + credentialId));
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        documents.forEach(d -> duration.record(elapsed));
        return outcomes;
    }

    private Prepared prepare(HashComputed document, CscCredential credential, Instant signingDate) {
        SignatureParameters parameters = DssParameters.describe(
                document.format(),
                document.level(),
                ALGORITHM,
                signingDate,
                credential.signingCertificate(),
                credential.issuers());
        ToBeSigned toBeSigned = cades.getDataToSign(
                DssParameters.manifest(document.manifest()), DssParameters.cadesBaselineB(parameters));
        byte[] dataToSign = toBeSigned.getBytes();
        return new Prepared(document, parameters, dataToSign, sha256(dataToSign));
    }

    private SigningOutcome.Failed precheck(HashComputed document) {
        if (!credentialId.equals(document.signer().identity())) {
            return failed(
                    document,
                    FailureReason.ACCOUNT_NOT_FOUND,
                    "CSC credential " + document.signer().identity() + " is not configured in provider-csc");
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
    private String unusable(CscCredential credential) {
        if (!credential.keyEnabled()) {
            return "key is disabled";
        }
        if (credential.certificateStatus() != null && !"valid".equals(credential.certificateStatus())) {
            return "certificate is " + credential.certificateStatus();
        }
        if (!credential.signingCertificate().isValidOn(Date.from(clock.instant()))) {
            return "certificate is outside its validity period";
        }
        if (credential.rsaSha256().isEmpty()) {
            return "key offers no RSA signature over SHA-256 (key.algo " + credential.keyAlgorithms() + ")";
        }
        return null;
    }

    private static boolean verifies(CscCredential credential, byte[] dataToSign, byte[] value) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(credential.signingCertificate().getPublicKey());
            signature.update(dataToSign);
            return signature.verify(value);
        } catch (GeneralSecurityException e) {
            // A value of the wrong length or shape is as unusable as a wrong one.
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
