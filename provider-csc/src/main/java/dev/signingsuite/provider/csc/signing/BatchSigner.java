package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.messaging.SigningMeters;
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
import java.util.IdentityHashMap;
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
    private final CredentialApprovals approvals;

    public BatchSigner(
            CscClient client,
            CAdESService cades,
            Retry retry,
            Clock clock,
            MeterRegistry meters,
            CscProperties properties) {
        this(client, cades, retry, clock, meters, properties, null);
    }

    /**
     * @param approvals where documents of an {@code oauth2code} credential wait for a person's
     *     approval; null: such documents fail with AUTHORISATION_REQUIRED
     */
    public BatchSigner(
            CscClient client,
            CAdESService cades,
            Retry retry,
            Clock clock,
            MeterRegistry meters,
            CscProperties properties,
            CredentialApprovals approvals) {
        this.client = client;
        this.approvals = approvals;
        this.cades = cades;
        this.retry = retry;
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
        this.batchSize = SigningMeters.batchSize(meters, "csc");
        this.duration = SigningMeters.stageDuration(meters, "provider");
    }

    /**
     * One outcome per document, for a batch in which no document waits for a person's approval.
     *
     * @throws IllegalStateException when some document waits: use {@link #signOrWait(List)}
     */
    public List<SigningOutcome> sign(List<HashComputed> documents) {
        Result result = signOrWait(documents);
        if (result.decided() < documents.size()) {
            throw new IllegalStateException(result.waiting().size() + " documents wait for an approval");
        }
        return result.outcomes();
    }

    /**
     * Signs the documents up to the first one that waits for a person's approval ({@code oauth2code}
     * credential, no token covering its hash yet) and leaves the rest for the poll's redelivery: the
     * poll is handed back from there, so what was decided must be exactly a prefix. Every waiting
     * document of the batch joins its credential's pending approval, so that the operator sees them
     * all at once. Documents covered by an approval's token are signed with one signHash per
     * approval, with the hashes prepared when they first waited.
     *
     * @return the outcomes of {@code documents[0, decided)}, and which documents wait
     */
    public Result signOrWait(List<HashComputed> documents) {
        int decided = documents.size();
        List<HashComputed> waiting = new ArrayList<>();
        Map<HashComputed, SigningOutcome.Failed> refusedEarly = new IdentityHashMap<>();
        Map<HashComputed, CredentialApprovals.Held> covered = new IdentityHashMap<>();
        Map<HashComputed, CscCredential> approvalCredentials = new IdentityHashMap<>();
        if (approvals != null) {
            for (int i = 0; i < documents.size(); i++) {
                HashComputed document = documents.get(i);
                CscCredential credential = approvalCredential(document);
                if (credential == null) {
                    continue;
                }
                approvalCredentials.put(document, credential);
                Optional<CredentialApprovals.Held> held = approvals.held(document.documentId());
                if (held.isPresent() && held.get().grant() != null) {
                    covered.put(document, held.get());
                    continue;
                }
                if (held.isEmpty()) {
                    CscProperties.Signer signer =
                            properties.signer(document.signer().identity()).orElseThrow();
                    CscCredential.HashSigning signing =
                            credential.sha256Signing(signer.preferPss()).orElseThrow();
                    try {
                        approvals.await(
                                credential.id(),
                                Math.min(properties.maxBatchSize(), credential.multisign()),
                                signing.dssAlgorithm().getDigestAlgorithm().getOid(),
                                prepare(document, credential, signing, clock.instant()));
                    } catch (RuntimeException e) {
                        refusedEarly.put(
                                document,
                                failed(
                                        document,
                                        FailureReason.INVALID_DOCUMENT,
                                        "cannot build the data to sign: " + e.getMessage()));
                        continue;
                    }
                }
                waiting.add(document);
                decided = Math.min(decided, i);
            }
        }
        List<SigningOutcome> outcomes = new ArrayList<>(decided);
        Map<String, List<HashComputed>> groups = new LinkedHashMap<>();
        Map<String, List<HashComputed>> byApproval = new LinkedHashMap<>();
        for (HashComputed document : documents.subList(0, decided)) {
            if (refusedEarly.containsKey(document)) {
                outcomes.add(refusedEarly.get(document));
                continue;
            }
            CredentialApprovals.Held held = covered.get(document);
            if (held != null) {
                byApproval
                        .computeIfAbsent(held.approvalId(), k -> new ArrayList<>())
                        .add(document);
                continue;
            }
            SigningOutcome.Failed refused = precheck(document);
            if (refused != null) {
                outcomes.add(refused);
            } else {
                groups.computeIfAbsent(document.signer().identity(), k -> new ArrayList<>())
                        .add(document);
            }
        }
        byApproval.forEach((approvalId, group) ->
                outcomes.addAll(signApproved(approvalId, group, covered, approvalCredentials.get(group.get(0)))));
        groups.forEach((identity, group) ->
                outcomes.addAll(signGroup(properties.signer(identity).orElseThrow(), group)));
        return new Result(outcomes, decided, waiting);
    }

    /**
     * The credential of a document that may wait for an approval: it passes the checks, its signer's
     * credential is {@code oauth2code} and otherwise usable; else null (the group's normal path
     * decides the document, and fails it if needed).
     */
    private CscCredential approvalCredential(HashComputed document) {
        if (precheck(document) != null) {
            return null;
        }
        CscProperties.Signer signer =
                properties.signer(document.signer().identity()).orElseThrow();
        CscCredential credential;
        try {
            credential = retry.executeSupplier(() -> client.credential(signer.credentialId()));
        } catch (CscCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            return null;
        }
        if (credential.authMode() != CscCredential.AuthMode.OAUTH2CODE || unusable(credential, signer) != null) {
            return null;
        }
        return credential;
    }

    /**
     * Documents an approval's token covers. The first of them to come again signs the whole
     * approval: one signHash with the token in place of a SAD (no {@code credentials/authorize})
     * over every hash the person approved, as a single-use token for exactly those hashes asks; the
     * values of the documents that are not in this poll (a redelivery may spread a group over polls)
     * are verified and kept with the approval until their records come again.
     */
    private List<SigningOutcome> signApproved(
            String approvalId,
            List<HashComputed> present,
            Map<HashComputed, CredentialApprovals.Held> covered,
            CscCredential credential) {
        long started = System.nanoTime();
        CscProperties.Signer signer =
                properties.signer(present.get(0).signer().identity()).orElseThrow();
        CscCredential.HashSigning signing =
                credential.sha256Signing(signer.preferPss()).orElseThrow();
        CscClient.Grant grant = covered.get(present.get(0)).grant();
        List<Prepared> unsigned = approvals.unsigned(approvalId);
        if (!unsigned.isEmpty()) {
            List<byte[]> digests = unsigned.stream().map(Prepared::digest).toList();
            Instant requestedAt = clock.instant();
            List<byte[]> values;
            try {
                values = retry.executeSupplier(() -> client.signHash(grant, credential.id(), digests, signing));
            } catch (CscCallException e) {
                if (e.isTransient()) {
                    throw e;
                }
                approvals.drop(approvalId);
                log.warn(
                        "CSC refused the approved batch of {} for credential {}: {}",
                        digests.size(),
                        credential.id(),
                        e.getMessage());
                String message = "CSC credential " + credential.id() + ": the service refused the person's approval: "
                        + Failures.explain(e);
                return present.stream()
                        .<SigningOutcome>map(d -> failed(d, FailureReason.AUTHORISATION_REQUIRED, message))
                        .toList();
            }
            Instant returnedAt = clock.instant();
            batchSize.record(digests.size());
            Map<String, CredentialApprovals.Returned> returned = new LinkedHashMap<>();
            for (int i = 0; i < unsigned.size(); i++) {
                Prepared p = unsigned.get(i);
                byte[] value = credential.ecKey() ? derEcdsa(values.get(i)) : values.get(i);
                boolean valid = value != null && verifies(credential, signing, p.dataToSign(), value);
                returned.put(
                        p.document().documentId(),
                        new CredentialApprovals.Returned(valid ? value : null, requestedAt, returnedAt));
            }
            approvals.returned(approvalId, returned);
        }
        List<SigningOutcome> outcomes = new ArrayList<>(present.size());
        for (HashComputed document : present) {
            Prepared held = covered.get(document).prepared();
            CredentialApprovals.Returned value = approvals.value(approvalId, document.documentId());
            if (value != null && value.value() != null) {
                // This poll's document object: the caller matches outcomes to records by identity.
                outcomes.add(new SigningOutcome.Signed(
                        document,
                        held.parameters(),
                        held.digest(),
                        value.value(),
                        value.requestedAt(),
                        value.returnedAt()));
            } else {
                outcomes.add(failed(
                        document,
                        FailureReason.SIGNATURE_INVALID,
                        "the value CSC returned does not verify against the certificate of " + credential.id()));
            }
        }
        approvals.delivered(
                approvalId, present.stream().map(HashComputed::documentId).toList());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        present.forEach(d -> duration.record(elapsed));
        return outcomes;
    }

    private List<SigningOutcome> verified(
            List<Prepared> prepared,
            List<byte[]> values,
            CscCredential credential,
            CscCredential.HashSigning signing,
            Instant requestedAt,
            Instant returnedAt) {
        List<SigningOutcome> outcomes = new ArrayList<>(prepared.size());
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
        return outcomes;
    }

    /**
     * @param outcomes one per document of {@code documents[0, decided)}
     * @param decided how many documents, from the start, are decided; the others come again
     * @param waiting the documents that wait for a person's approval (from {@code decided} on)
     */
    public record Result(List<SigningOutcome> outcomes, int decided, List<HashComputed> waiting) {}

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
        outcomes.addAll(verified(prepared, values, credential, signing, requestedAt, returnedAt));
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
        if (credential.authMode() == CscCredential.AuthMode.OAUTH2CODE && approvals == null) {
            return "authorisation is an OAuth 2.0 code with scope=credential that a person gives;"
                    + " provider-csc takes none (signing.csc.approval-redirect-uri is not set)";
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
}
