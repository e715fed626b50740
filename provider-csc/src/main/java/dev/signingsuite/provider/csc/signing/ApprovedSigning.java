package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.provider.csc.client.CscCallException;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscCredential;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.Returned;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import io.github.resilience4j.retry.Retry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents an approval's token covers. The first of them to come again signs the whole approval:
 * one signHash with the token in place of a SAD (no {@code credentials/authorize}) over every hash
 * the person approved, as a single-use token for exactly those hashes asks; the values of the
 * documents that are not in this poll (a redelivery may spread a group over polls) are kept with the
 * group ({@link ApprovalGroups}) until their records come again. The runtime verifies each value when it is handed out.
 *
 * <p>Where tokens are single-use (LVRTC, where a refused signHash spends the token too) the call is
 * made once: after an error answer the approval is dropped and its documents wait for a new one;
 * after a lost answer (the service may have signed) they fail SIGNER_UNAVAILABLE, never asked again.
 */
final class ApprovedSigning {

    private static final Logger log = LoggerFactory.getLogger(ApprovedSigning.class);

    private final CscClient client;
    private final Retry retry;
    private final ApprovalGroups<CscClient.Grant> groups;
    private final boolean singleUse;

    ApprovedSigning(CscClient client, Retry retry, ApprovalGroups<CscClient.Grant> groups, boolean singleUse) {
        this.client = client;
        this.retry = retry;
        this.groups = groups;
        this.singleUse = singleUse;
    }

    List<Returned> sign(String groupId, List<PreparedSignature> present, CscCredential credential, boolean preferPss) {
        CscCredential.HashSigning signing = credential.sha256Signing(preferPss).orElseThrow();
        List<PreparedSignature> unsigned = groups.unsigned(groupId);
        List<String> presentIds =
                present.stream().map(p -> p.document().documentId()).toList();
        if (!unsigned.isEmpty()) {
            CscClient.Grant grant = groups.grant(groupId).orElse(null);
            if (grant == null) {
                return failAll(present, "CSC credential " + credential.id() + ": the approval's token expired");
            }
            List<byte[]> digests =
                    unsigned.stream().map(PreparedSignature::digest).toList();
            List<byte[]> values;
            groups.calling(groupId, presentIds);
            try {
                values = singleUse
                        ? client.signHash(grant, credential.id(), digests, signing)
                        : retry.executeSupplier(() -> client.signHash(grant, credential.id(), digests, signing));
            } catch (CscCallException e) {
                // An asynchronous signHash the service accepted but never answered may have signed too.
                if ((singleUse && e.isAnswerLost()) || e.isAcceptedUnanswered()) {
                    // Signed without values: the group's documents of later polls must not wait for a new one.
                    groups.signed(groupId, Map.of());
                    groups.delivered(groupId, presentIds);
                    log.warn(
                            "CSC signHash of the approved batch of {} for credential {} got no answer; its single-use"
                                    + " token is spent and it may have signed, so it is not asked again",
                            digests.size(),
                            credential.id());
                    Returned failed =
                            new Returned.Failed(FailureReason.SIGNER_UNAVAILABLE, Failures.lost(credential.id(), e));
                    return present.stream().map(p -> failed).toList();
                }
                groups.callFailed(groupId);
                if (e.isTransient()) {
                    if (singleUse && e.status() != 0) {
                        // The refused call spent the token: the documents wait for a new approval.
                        groups.drop(groupId);
                    }
                    throw e;
                }
                groups.drop(groupId);
                log.warn(
                        "CSC refused the approved batch of {} for credential {}: {}",
                        digests.size(),
                        credential.id(),
                        e.getMessage());
                return failAll(
                        present,
                        "CSC credential " + credential.id() + ": the service refused the person's approval: "
                                + Failures.explain(e));
            }
            Map<String, byte[]> returned = new LinkedHashMap<>();
            for (int i = 0; i < unsigned.size(); i++) {
                returned.put(unsigned.get(i).document().documentId(), values.get(i));
            }
            groups.signed(groupId, returned);
        }
        List<Returned> answers = groups.answers(
                groupId, present, "CSC returned no value for the document under the approval of " + credential.id());
        groups.delivered(groupId, presentIds);
        return answers;
    }

    private static List<Returned> failAll(List<PreparedSignature> present, String message) {
        Returned failed = new Returned.Failed(FailureReason.AUTHORISATION_REQUIRED, message);
        return present.stream().map(p -> failed).toList();
    }
}
