package dev.signingsuite.provider.eparaksts.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.provider.eparaksts.approval.SealApprovals;
import dev.signingsuite.provider.eparaksts.authorisation.SealAuthorisation;
import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.SealIdentity;
import dev.signingsuite.provider.runtime.DataToSign;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.RemoteSigner;
import dev.signingsuite.provider.runtime.Resolution;
import dev.signingsuite.provider.runtime.Returned;
import dev.signingsuite.provider.runtime.Signer;
import dev.signingsuite.provider.runtime.SignerWaits;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import io.github.resilience4j.retry.Retry;
import java.security.interfaces.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eParaksts eZīmogs+ behind the runtime's port: a document's {@code signer.identity} picks one of the
 * authorised person's seals ({@link SealSelection}); it waits in its seal's approval group ({@link
 * ApprovalGroups}, approved as {@link SealApprovals} says) until the person approved the group, and the first of the group's documents to
 * come again signs the whole group with one {@code raw/batch} call and the group's own token.
 *
 * <p>A refused batch is not retried document by document: the token is single-use and bound to the
 * group's digests. A token the platform no longer accepts (expired, spent) drops the group: its
 * documents wait again in a new group, for a new approval; none fails, none is lost.
 */
public final class SealSigner implements RemoteSigner {

    private static final Logger log = LoggerFactory.getLogger(SealSigner.class);

    /** The ids of group signers: the documents one approval's token covers sign together. */
    static final String GROUP = "group ";

    private final EparakstsClient client;
    private final SealAuthorisation authorisation;
    private final SealApprovals approvals;
    private final ApprovalGroups<EparakstsClient.UserToken> groups;
    private final DataToSign dataToSign;
    private final Retry retry;
    private final Clock clock;
    private final IssuerChain issuers;
    private final String defaultSeal;
    private final Duration wait;

    public SealSigner(
            EparakstsClient client,
            SealAuthorisation authorisation,
            SealApprovals approvals,
            ApprovalGroups<EparakstsClient.UserToken> groups,
            DataToSign dataToSign,
            Retry retry,
            Clock clock,
            IssuerChain issuers,
            String defaultSeal,
            Duration wait) {
        this.client = client;
        this.authorisation = authorisation;
        this.approvals = approvals;
        this.groups = groups;
        this.dataToSign = dataToSign;
        this.retry = retry;
        this.clock = clock;
        this.issuers = issuers;
        this.defaultSeal = defaultSeal;
        this.wait = wait;
    }

    @Override
    public String name() {
        return "eparaksts";
    }

    /** The service did not answer, or answered 429 or 5xx, after the retries: parked, never dead-lettered. */
    @Override
    public boolean isOutage(RuntimeException e) {
        return e instanceof EparakstsCallException call && call.isTransient();
    }

    /** Waiting documents come again when their group may have changed: its window ended, its approval came. */
    @Override
    public Duration recheck() {
        return groups.nextChange(wait);
    }

    @Override
    public Resolution resolve(HashComputed document) {
        return resolve(document, 0, null);
    }

    /**
     * A document that is in no group but has an entry of this attempt lost its group in a restart
     * after the group's raw/batch was sent: a returned value is published from the ledger (no new
     * approval), and a call whose answer was lost is not asked again, since its single-use token is
     * spent and it may have signed. A document without an entry was never signed: it waits in a new
     * group, for a new approval.
     */
    @Override
    public Resolution resolve(HashComputed document, int attempt, SigningIntent recorded) {
        List<SealIdentity> seals = authorisation.seals();
        if (seals.isEmpty()) {
            return new Resolution.Waits("eParaksts seal authorisation needed");
        }
        StringBuilder why = new StringBuilder();
        Optional<SealIdentity> selected = SealSelection.select(document.signer().identity(), seals, defaultSeal, why);
        if (selected.isEmpty()) {
            return new Resolution.Refused(FailureReason.ACCOUNT_NOT_FOUND, why.toString());
        }
        SealIdentity seal = selected.get();
        if (seal.certificate() == null) {
            return new Resolution.Refused(FailureReason.SIGNER_UNAVAILABLE, seal.unavailable());
        }
        if (!seal.certificate().isValidOn(Date.from(clock.instant()))) {
            return new Resolution.Refused(FailureReason.CERTIFICATE_INVALID, "the seal certificate is not valid now");
        }
        boolean ecdsa = seal.certificate().getPublicKey() instanceof ECKey;
        Signer key = new Signer(
                seal.id(),
                seal.certificate(),
                issuers.of(seal.certificate()),
                ecdsa ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.RSA_SHA256,
                1);
        approvals.approveDue(groups);
        Optional<ApprovalGroups.Held> held = groups.held(document.documentId());
        if (held.isPresent() && held.get().approved()) {
            Signer group = new Signer(
                    GROUP + held.get().groupId(), key.certificate(), key.chain(), key.algorithm(), Integer.MAX_VALUE);
            return new Resolution.Held(group, held.get().prepared());
        }
        if (held.isEmpty() && recorded != null) {
            if (recorded.status() == SigningIntent.Status.RETURNED) {
                return new Resolution.Sign(key);
            }
            return new Resolution.Refused(
                    FailureReason.SIGNER_UNAVAILABLE,
                    "eParaksts: the raw/batch of the document's group was sent but its answer was lost when"
                            + " provider-eparaksts stopped; its single-use token is spent and it may have signed,"
                            + " so it is not asked again");
        }
        if (held.isEmpty()) {
            try {
                groups.await(
                        seal.id(),
                        "sha256",
                        approvals.maxSize(),
                        dataToSign.prepare(document, key, clock.instant()),
                        attempt);
            } catch (RuntimeException e) {
                return new Resolution.Refused(
                        FailureReason.INVALID_DOCUMENT, "cannot build the data to sign: " + e.getMessage());
            }
        }
        return new Resolution.Waits("eParaksts seal " + seal.id() + " waits for the person's approval of its group");
    }

    /** A cancelled batch's documents leave their seal's approval groups (ADR 31). */
    @Override
    public void cancelled(List<String> documentIds) {
        groups.cancelled(documentIds);
    }

    /**
     * Without a person (the sandbox's automatic approval) the groups of the poll's waiting documents
     * close and are approved now, so that a trickle is signed in the poll that brought it rather
     * than after the group's window; documents of other consumer threads in those groups go along.
     */
    @Override
    public boolean settle(List<HashComputed> waiting) {
        if (!approvals.automatic()) {
            return false;
        }
        groups.close(waiting.stream().map(HashComputed::documentId).toList());
        approvals.approveDue(groups);
        return waiting.stream()
                .anyMatch(d -> groups.held(d.documentId())
                        .map(ApprovalGroups.Held::approved)
                        .orElse(false));
    }

    @Override
    public List<Returned> sign(Signer signer, List<PreparedSignature> present) {
        if (!signer.id().startsWith(GROUP)) {
            throw new IllegalStateException("eParaksts signs approved groups only, not " + signer.id());
        }
        String groupId = signer.id().substring(GROUP.length());
        // Another consumer thread may be making the group's call: this one then finds it signed.
        Returned.Failed refused = groups.exclusively(groupId, () -> {
            List<PreparedSignature> unsigned = groups.unsigned(groupId);
            return unsigned.isEmpty()
                    ? null
                    : signGroup(
                            groupId,
                            signer,
                            unsigned,
                            present.stream().map(p -> p.document().documentId()).toList());
        });
        if (refused != null) {
            return present.stream().<Returned>map(p -> refused).toList();
        }
        List<Returned> answers =
                groups.answers(groupId, present, "eParaksts returned no value for the document in group " + groupId);
        groups.delivered(
                groupId, present.stream().map(p -> p.document().documentId()).toList());
        return answers;
    }

    /**
     * One raw/batch over every digest the group's token covers, in the order they were summarised;
     * the failure of the whole group when the platform refuses it for good.
     */
    private Returned.Failed signGroup(
            String groupId, Signer signer, List<PreparedSignature> unsigned, List<String> present) {
        Optional<EparakstsClient.UserToken> grant = groups.grant(groupId);
        Optional<String> seal = groups.subject(groupId);
        if (grant.isEmpty() || seal.isEmpty()) {
            groups.drop(groupId);
            throw new SignerWaits("eParaksts group " + groupId + " lost its approval; its documents wait again");
        }
        String token = grant.get().value();
        String sealId = seal.get();
        String wireAlgorithm =
                signer.algorithm().getEncryptionAlgorithm() == EncryptionAlgorithm.ECDSA ? "ecdsa" : "rsa-sha256";
        List<byte[]> digests = unsigned.stream().map(PreparedSignature::digest).toList();
        List<byte[]> values;
        groups.calling(groupId, present);
        try {
            values = retry.executeSupplier(() -> client.signBatch(token, sealId, wireAlgorithm, digests));
        } catch (EparakstsCallException e) {
            // As for the poll's own documents: the runtime withdraws their entries too.
            groups.callFailed(groupId);
            if (e.isTransient()) {
                throw SignerWaits.unavailable("eParaksts unavailable: " + e.getMessage());
            }
            // Never again with this token, nor one by one: it is single-use and bound to these digests.
            groups.drop(groupId);
            log.warn("eParaksts refused group {} of {} documents: {}", groupId, digests.size(), e.getMessage());
            if (e.isUnauthorized()) {
                throw new SignerWaits("eParaksts refused the group's token; its documents wait for a new approval");
            }
            return new Returned.Failed(reasonFor(e), "eParaksts refused the approved group: " + e.getMessage());
        }
        Map<String, byte[]> returned = new LinkedHashMap<>();
        for (int i = 0; i < unsigned.size(); i++) {
            returned.put(unsigned.get(i).document().documentId(), values.get(i));
        }
        groups.signed(groupId, returned);
        return null;
    }

    private static FailureReason reasonFor(EparakstsCallException e) {
        return switch (e.status()) {
            case 403 -> FailureReason.AUTHORISATION_REQUIRED;
            case 404 -> FailureReason.ACCOUNT_NOT_FOUND;
            default -> FailureReason.SIGNER_UNAVAILABLE;
        };
    }
}
