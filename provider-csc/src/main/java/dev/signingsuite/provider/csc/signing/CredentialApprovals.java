package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.provider.csc.client.CscCallException;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.Pkce;
import dev.signingsuite.provider.runtime.PreparedSignature;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approvals a person gives per group of documents of an {@code oauth2code} credential (OAuth
 * 2.0 authorisation code with {@code scope=credential}, PKCE): documents that wait are collected
 * into a pending approval of their credential (at most {@code min(max-batch-size, multisign)}),
 * with the data to be signed built once, so that the hashes the person approves are the hashes
 * signed when the documents come again. Starting an approval fixes its hashes (later documents go
 * into the next one); the callback's code becomes a credential token bound to those hashes, kept
 * here only (never logged), and spent by one signHash over all the approval's hashes when the first
 * of its documents comes again; the values of the others wait here for their records. An approval
 * whose token expired unused is dropped: its documents wait again, in a new approval.
 *
 * <p>Held in memory: after a restart the documents (still on the topic, never acknowledged) form a
 * new approval; values returned for documents whose records had not come again are then lost
 * (never published), and those documents wait for a new approval.
 */
public final class CredentialApprovals {

    private static final Logger log = LoggerFactory.getLogger(CredentialApprovals.class);

    /** The person has this long from the start of an approval to the callback. */
    private static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);

    /** A token that expires within this margin is not used: signHash would likely see it expire. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    private final CscClient client;
    private final URI redirectUri;
    private final Clock clock;
    private final Map<String, Approval> approvals = new LinkedHashMap<>();

    /** @param redirectUri registered with the service: the gateway's {@code /csc/callback} */
    public CredentialApprovals(CscClient client, URI redirectUri, Clock clock) {
        this.client = client;
        this.redirectUri = redirectUri;
        this.clock = clock;
    }

    /**
     * The prepared signature of a document, if it waits in an approval or is covered by one; its
     * hash must not change while it waits.
     */
    synchronized Optional<Held> held(String documentId) {
        dropExpired();
        for (Approval approval : approvals.values()) {
            PreparedSignature prepared = approval.documents.get(documentId);
            if (prepared != null) {
                return Optional.of(new Held(approval.id, prepared, approval.grant));
            }
        }
        return Optional.empty();
    }

    /** Adds a waiting document to its credential's open approval, or opens a new one. */
    synchronized void await(String credentialId, int capacity, String hashAlgorithmOid, PreparedSignature prepared) {
        Approval open = approvals.values().stream()
                .filter(a -> a.credentialId.equals(credentialId)
                        && a.state == null
                        && a.grant == null
                        && a.documents.size() < capacity)
                .findFirst()
                .orElse(null);
        if (open == null) {
            open = new Approval(Pkce.random(), credentialId, hashAlgorithmOid);
            approvals.put(open.id, open);
            log.info("CSC credential {}: documents wait for a person's approval {}", credentialId, open.id);
        }
        open.documents.put(prepared.document().documentId(), prepared);
    }

    /** The approval's documents that its token has not signed yet: all of them, or none. */
    synchronized List<PreparedSignature> unsigned(String approvalId) {
        Approval approval = approvals.get(approvalId);
        if (approval == null) {
            return List.of();
        }
        return approval.documents.values().stream()
                .filter(p -> !approval.returned.containsKey(p.document().documentId()))
                .toList();
    }

    /** What the token's signHash returned, kept until each document's record comes again. */
    synchronized void returned(String approvalId, Map<String, Returned> values) {
        Approval approval = approvals.get(approvalId);
        if (approval != null) {
            approval.returned.putAll(values);
        }
    }

    synchronized Returned value(String approvalId, String documentId) {
        Approval approval = approvals.get(approvalId);
        return approval == null ? null : approval.returned.get(documentId);
    }

    /** Documents whose outcome was published: they leave their approval, which ends when it is empty. */
    synchronized void delivered(String approvalId, List<String> documentIds) {
        Approval approval = approvals.get(approvalId);
        if (approval != null) {
            documentIds.forEach(id -> {
                approval.documents.remove(id);
                approval.returned.remove(id);
            });
            if (approval.documents.isEmpty()) {
                approvals.remove(approvalId);
            }
        }
    }

    /** An approval whose token the service refused: its documents wait again, in a new approval. */
    synchronized void drop(String approvalId) {
        approvals.remove(approvalId);
    }

    /** What the operator page lists. */
    public synchronized List<Pending> pending() {
        dropExpired();
        List<Pending> list = new ArrayList<>();
        for (Approval approval : approvals.values()) {
            list.add(new Pending(
                    approval.id,
                    approval.credentialId,
                    approval.documents.size(),
                    List.copyOf(approval.documents.keySet()),
                    !approval.returned.isEmpty()
                            ? "SIGNED"
                            : approval.grant != null ? "APPROVED" : approval.state != null ? "STARTED" : "WAITING",
                    approval.grant == null ? null : approval.grant.expiresAt()));
        }
        return list;
    }

    /**
     * Where the person's browser goes to approve: {@code oauth2/authorize} with {@code
     * scope=credential}, the credential, the number of signatures and the exact hashes; a new state
     * and PKCE verifier each time. From now on no document joins this approval.
     *
     * @throws IllegalArgumentException for an unknown or already approved approval
     */
    public synchronized URI start(String approvalId) {
        Approval approval = approvals.get(approvalId);
        if (approval == null || approval.grant != null) {
            throw new IllegalArgumentException("no pending approval " + approvalId);
        }
        approval.state = Pkce.random();
        approval.verifier = Pkce.verifier();
        approval.startedAt = clock.instant();
        List<byte[]> hashes = approval.documents.values().stream()
                .map(PreparedSignature::digest)
                .toList();
        return client.authorizationUrl(new CscClient.AuthorizationRequest(
                redirectUri,
                approval.state,
                Pkce.challenge(approval.verifier),
                approval.credentialId,
                hashes.size(),
                hashes,
                approval.hashAlgorithmOid));
    }

    /** Whether {@code state} is one of an approval this instance started (else it may be a service login's). */
    public synchronized boolean issued(String state) {
        return state != null && find(state) != null;
    }

    /**
     * Exchanges the callback's code for the credential token of the approval that issued the state.
     *
     * @throws IllegalArgumentException for an unknown or expired state, or no code
     * @throws CscCallException when the service refuses the code
     */
    public synchronized void complete(String code, String state) {
        Approval approval = state == null ? null : find(state);
        if (approval == null || code == null || clock.instant().isAfter(approval.startedAt.plus(LOGIN_LIFETIME))) {
            throw new IllegalArgumentException("unknown or expired approval state");
        }
        String verifier = approval.verifier;
        approval.state = null;
        approval.verifier = null;
        approval.grant = client.exchangeCode(code, verifier, redirectUri);
        log.info(
                "CSC credential {}: approval {} of {} documents given until {}",
                approval.credentialId,
                approval.id,
                approval.documents.size(),
                approval.grant.expiresAt());
    }

    private Approval find(String state) {
        return approvals.values().stream()
                .filter(a -> state.equals(a.state))
                .findFirst()
                .orElse(null);
    }

    private void dropExpired() {
        Instant now = clock.instant();
        approvals.values().removeIf(a -> {
            // Once signed, the values no longer need the token.
            boolean expired = a.grant != null
                    && a.returned.isEmpty()
                    && !now.plus(EXPIRY_MARGIN).isBefore(a.grant.expiresAt());
            if (expired) {
                log.info(
                        "CSC credential {}: approval {} expired unused for {} documents; they wait again",
                        a.credentialId,
                        a.id,
                        a.documents.size());
            }
            return expired;
        });
    }

    /** A held document: its approval, its prepared signature, and the approval's token once given. */
    record Held(String approvalId, PreparedSignature prepared, CscClient.Grant grant) {}

    /**
     * A value the token's signHash returned for a document whose record has not come again yet.
     *
     * @param value as the service returned it: the runtime verifies it when its record comes again
     */
    record Returned(byte[] value, Instant requestedAt, Instant returnedAt) {}

    /**
     * One approval as the operator page shows it; never the token.
     *
     * @param state {@code WAITING} (nobody started it), {@code STARTED} (a person is at the
     *     service), {@code APPROVED} (token held until {@code expiresAt}), {@code SIGNED} (signed,
     *     some documents' records have not come again yet)
     */
    public record Pending(
            String id, String credentialId, int documents, List<String> documentIds, String state, Instant expiresAt) {}

    private static final class Approval {
        private final String id;
        private final String credentialId;
        private final String hashAlgorithmOid;
        private final Map<String, PreparedSignature> documents = new LinkedHashMap<>();
        private String state;
        private String verifier;
        private Instant startedAt;
        private CscClient.Grant grant;
        private final Map<String, Returned> returned = new LinkedHashMap<>();

        private Approval(String id, String credentialId, String hashAlgorithmOid) {
            this.id = id;
            this.credentialId = credentialId;
            this.hashAlgorithmOid = hashAlgorithmOid;
        }

        @Override
        public String toString() {
            return "Approval[id=" + id + ", credentialId=" + credentialId + ", documents=" + documents.size() + "]";
        }
    }
}
