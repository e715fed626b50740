package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.provider.csc.client.CscCallException;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscCredential;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.runtime.DataToSign;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.RemoteSigner;
import dev.signingsuite.provider.runtime.Resolution;
import dev.signingsuite.provider.runtime.Returned;
import dev.signingsuite.provider.runtime.Signer;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * CSC v2 behind the runtime's port: each configured signer identity names a credential, whose
 * certificate and key algorithm the service describes ({@code credentials/info}, cached by the
 * client); a group's hashes are signed under one {@code credentials/authorize} and one {@code
 * signatures/signHash} per chunk of at most {@code min(maxBatchSize, multisign)} ({@link
 * SadSigning}). Documents of an {@code oauth2code} credential wait for a person's approval ({@link
 * CredentialApprovals}) and are signed with the approval's token ({@link ApprovedSigning}).
 */
public final class CscSigner implements RemoteSigner {

    /** The gateway's relay to a group's approval start ({@code /operator/csc/approvals/{id}}). */
    static final String PERSON_APPROVAL = "/operator/csc/approvals/";

    /** The ids of approval signers: the documents one approval's token covers sign together. */
    static final String APPROVAL = "approval ";

    private final CscClient client;
    private final Retry retry;
    private final Clock clock;
    private final CscProperties properties;
    private final CredentialApprovals approvals;
    private final DataToSign dataToSign;
    private final SadSigning sads;
    private final ApprovedSigning approved;

    /**
     * @param approvals where documents of an {@code oauth2code} credential wait for a person's
     *     approval; null: such documents fail with AUTHORISATION_REQUIRED
     */
    public CscSigner(
            CscClient client,
            Retry retry,
            Clock clock,
            MeterRegistry meters,
            CscProperties properties,
            CredentialApprovals approvals,
            DataToSign dataToSign) {
        this.client = client;
        this.retry = retry;
        this.clock = clock;
        this.properties = properties;
        this.approvals = approvals;
        this.dataToSign = dataToSign;
        this.sads = new SadSigning(client, retry, meters, properties.singleUseTokens());
        this.approved = approvals == null
                ? null
                : new ApprovedSigning(client, retry, approvals.groups(), properties.singleUseTokens());
    }

    @Override
    public String name() {
        return "csc";
    }

    /**
     * A seal: signing the same digest again (the runtime rebuilds it with the recorded signing date)
     * gives a second valid value of the same signature, and nobody is asked twice. Not where tokens
     * are single-use (LVRTC): the lost call spent its token and may have signed, so asking again
     * would be a second signature of the same hashes under a new authorisation. Nor where signHash
     * is asynchronous: the accepted request may still complete, so asking again would be a certain
     * second signature rather than a possible one.
     */
    @Override
    public boolean mayAskAgain(SigningIntent started, Instant now) {
        return !properties.singleUseTokens() && !properties.asynchronousSignHash();
    }

    /** The service did not answer, or answered 429 or 5xx, after the retries: parked, never dead-lettered. */
    @Override
    public boolean isOutage(RuntimeException e) {
        return e instanceof CscCallException call && call.isTransient();
    }

    /** A cancelled batch's documents leave their credential's approval groups (ADR 31). */
    @Override
    public void cancelled(List<String> documentIds) {
        if (approvals != null) {
            approvals.groups().cancelled(documentIds);
        }
    }

    /** Waiting documents come again soon while a person approves their group, else after the recheck. */
    @Override
    public Duration recheck() {
        return approvals == null
                ? properties.approvalRecheck()
                : approvals.groups().nextChange(properties.approvalRecheck());
    }

    @Override
    public Resolution resolve(HashComputed document) {
        return resolve(document, 0, null);
    }

    /** @param recorded see {@link #awaitApproval} */
    @Override
    public Resolution resolve(HashComputed document, int attempt, SigningIntent recorded) {
        String identity = document.signer().identity();
        Optional<CscProperties.Signer> configured = properties.signer(identity);
        if (configured.isEmpty()) {
            return new Resolution.Refused(
                    FailureReason.ACCOUNT_NOT_FOUND, "CSC signer " + identity + " is not configured in provider-csc");
        }
        CscProperties.Signer signer = configured.get();
        String credentialId = signer.credentialId();
        CscCredential credential;
        try {
            credential = retry.executeSupplier(() -> client.credential(credentialId));
        } catch (CscCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            return new Resolution.Refused(
                    Failures.reasonFor(e), "CSC credential " + credentialId + ": " + e.getMessage());
        }
        String unusable = Usability.unusable(credential, signer, clock, approvals != null);
        if (unusable != null) {
            return new Resolution.Refused(
                    Usability.reasonFor(unusable), "CSC credential " + credentialId + ": " + unusable);
        }
        CscCredential.HashSigning signing =
                credential.sha256Signing(signer.preferPss()).orElseThrow();
        Signer key = new Signer(
                identity,
                credential.signingCertificate(),
                credential.issuers(),
                signing.dssAlgorithm(),
                Math.min(properties.maxBatchSize(), credential.multisign()));
        if (credential.authMode() != CscCredential.AuthMode.OAUTH2CODE) {
            return new Resolution.Sign(key);
        }
        return awaitApproval(document, credential, signing, key, attempt, recorded);
    }

    /**
     * A document of an {@code oauth2code} credential: signed once an approval's token covers its hash,
     * prepared once when it first waits, so that the hash the person approves is the hash signed. One
     * in no approval with an entry of this attempt lost its approval in a restart after its signHash
     * was sent: a returned value is published from the ledger, a lost answer is not asked again.
     */
    private Resolution awaitApproval(
            HashComputed document,
            CscCredential credential,
            CscCredential.HashSigning signing,
            Signer key,
            int attempt,
            SigningIntent recorded) {
        Optional<String> refusal = approvals.groups().refusal(document.documentId());
        if (refusal.isPresent()) {
            return new Resolution.Refused(
                    FailureReason.USER_REFUSED, "CSC credential " + credential.id() + ": " + refusal.get());
        }
        Optional<ApprovalGroups.Held> held = approvals.groups().held(document.documentId());
        if (held.isEmpty() && recorded != null) {
            if (recorded.status() == SigningIntent.Status.RETURNED) {
                return new Resolution.Sign(key);
            }
            return new Resolution.Refused(
                    FailureReason.SIGNER_UNAVAILABLE,
                    "CSC credential " + credential.id() + ": the signHash of the document's approval was sent but its"
                            + " answer was lost when provider-csc stopped; it may have signed, so it is not asked again");
        }
        if (held.isPresent() && held.get().approved()) {
            Signer approval = new Signer(
                    APPROVAL + held.get().groupId(),
                    key.certificate(),
                    key.chain(),
                    key.algorithm(),
                    Integer.MAX_VALUE);
            return new Resolution.Held(approval, held.get().prepared());
        }
        if (held.isEmpty()) {
            PreparedSignature prepared;
            try {
                prepared = dataToSign.prepare(document, key, clock.instant());
            } catch (RuntimeException e) {
                return new Resolution.Refused(
                        FailureReason.INVALID_DOCUMENT, "cannot build the data to sign: " + e.getMessage());
            }
            approvals
                    .groups()
                    .await(
                            credential.id(),
                            signing.dssAlgorithm().getDigestAlgorithm().getOid(),
                            key.maxBatchSize(),
                            prepared,
                            attempt);
        }
        String why = "CSC credential " + credential.id() + " waits for a person's approval";
        if (!CscProperties.device(document.signer().identity())) {
            return new Resolution.Waits(why);
        }
        // A person's registered device (ADR 32): the person approves from the gateway's person page,
        // which links to the gateway's relay of this group's start (the operator page's own link).
        String groupId =
                approvals.groups().held(document.documentId()).orElseThrow().groupId();
        return new Resolution.Waits(why, new RemoteSession(groupId, null, URI.create(PERSON_APPROVAL + groupId), null));
    }

    @Override
    public List<Returned> sign(Signer signer, List<PreparedSignature> group) {
        // Every document of a group has the same signer identity (an approval is per credential).
        CscProperties.Signer configured =
                properties.signer(group.get(0).document().signer().identity()).orElseThrow();
        CscCredential credential = retry.executeSupplier(() -> client.credential(configured.credentialId()));
        if (signer.id().startsWith(APPROVAL)) {
            return approved.sign(signer.id().substring(APPROVAL.length()), group, credential, configured.preferPss());
        }
        return sads.sign(credential, group, configured);
    }
}
