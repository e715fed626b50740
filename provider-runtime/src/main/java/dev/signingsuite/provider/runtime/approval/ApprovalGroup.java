package dev.signingsuite.provider.runtime.approval;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.Returned;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One approval group's state; only its {@link ApprovalGroups} touches it, under that one's lock. */
final class ApprovalGroup<G> {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** While a person approves a group, waiting documents look this often whether it is approved. */
    private static final Duration APPROVING_RECHECK = Duration.ofMillis(500);

    final String id;
    final String subject;
    final String hashAlgorithm;
    final Instant openedAt;
    final Map<String, PreparedSignature> documents = new LinkedHashMap<>();
    final Map<String, byte[]> values = new LinkedHashMap<>();
    final Map<String, Integer> attempts = new HashMap<>();
    /** Held while the group's call is made ({@link ApprovalGroups#exclusively}). */
    final Object callGuard = new Object();
    /** The entries written for documents outside the poll of the group's call in progress. */
    List<SigningIntent> calling = List.of();

    boolean full;
    String state;
    String verifier;
    Instant startedAt;
    G grant;
    Instant signedAt;

    ApprovalGroup(String id, String subject, String hashAlgorithm, Instant openedAt) {
        this.id = id;
        this.subject = subject;
        this.hashAlgorithm = hashAlgorithm;
        this.openedAt = openedAt;
    }

    boolean unapproved() {
        return grant == null && signedAt == null;
    }

    /** Closed groups take no more documents: their digests may be shown to a person. */
    boolean closed(Duration window, Instant now) {
        return full || startedAt != null || !unapproved() || (window != null && !now.isBefore(openedAt.plus(window)));
    }

    /**
     * How long until this group may change, or null when it waits on nothing near: a short while
     * while a person approves it (or just did), the rest of its window while it is open.
     */
    Duration untilChange(Duration window, Instant now) {
        if (signedAt == null && (state != null || grant != null)) {
            return APPROVING_RECHECK;
        }
        return window != null && !closed(window, now) ? Duration.between(now, openedAt.plus(window)) : null;
    }

    /** Starts a person's approval: the group closes, with a new state and verifier each time. */
    GroupAuthority.Request startApproval(Instant now) {
        startedAt = now;
        state = random();
        verifier = random() + random();
        List<byte[]> digests =
                documents.values().stream().map(PreparedSignature::digest).toList();
        return new GroupAuthority.Request(id, subject, hashAlgorithm, digests, state, verifier);
    }

    /** Ends the approval in progress (callback or broken off); its verifier, for the code exchange. */
    String endApproval() {
        String used = verifier;
        state = null;
        verifier = null;
        return used;
    }

    /** The group's call failed without signing: the entries written for it, to withdraw. */
    List<SigningIntent> endCall() {
        List<SigningIntent> written = calling;
        calling = List.of();
        return written;
    }

    /** The call's values, kept; the grant is spent. The entries to write for the call's absent documents. */
    List<SigningIntent> signed(Map<String, byte[]> returned, Instant now) {
        values.putAll(returned);
        grant = null;
        signedAt = now;
        return GroupCallLedger.returned(endCall(), returned, now);
    }

    /** The state the operator pages show (see {@link PendingGroup}). */
    String stateName(Duration window, Instant now) {
        if (signedAt != null) {
            return "SIGNED";
        }
        if (grant != null) {
            return "APPROVED";
        }
        if (state != null) {
            return "STARTED";
        }
        return closed(window, now) || window == null ? "WAITING" : "OPEN";
    }

    /** @param expiresAt the grant's expiry, null unless approved and not yet spent */
    PendingGroup pending(Duration window, Instant now, Instant expiresAt) {
        return new PendingGroup(
                id, subject, documents.size(), List.copyOf(documents.keySet()), stateName(window, now), expiresAt);
    }

    /** Documents whose outcome was published leave the group; true when none is left. */
    boolean leave(Collection<String> documentIds) {
        documentIds.forEach(documentId -> {
            documents.remove(documentId);
            values.remove(documentId);
        });
        return documents.isEmpty();
    }

    /** An unguessable id, state or verifier. */
    /** A waiting document joins; the group is full at {@code capacity}. */
    void add(PreparedSignature prepared, int attempt, int capacity) {
        documents.put(prepared.document().documentId(), prepared);
        attempts.put(prepared.document().documentId(), attempt);
        if (documents.size() >= capacity) {
            full = true;
        }
    }

    /**
     * Lets go of those of {@code documentIds} it holds (their batch was cancelled); when none is
     * left its approval ends.
     *
     * @return whether the group is empty now
     */
    boolean letGo(Collection<String> documentIds) {
        if (documentIds.stream().noneMatch(documents::containsKey)) {
            return false;
        }
        documentIds.forEach(id -> {
            documents.remove(id);
            attempts.remove(id);
        });
        if (documents.isEmpty()) {
            endApproval();
            return true;
        }
        return false;
    }

    /** The signed values of {@code present}, or the failure {@code missing} says where none came back. */
    List<Returned> answers(List<PreparedSignature> present, String missing) {
        List<Returned> answers = new ArrayList<>(present.size());
        for (PreparedSignature p : present) {
            byte[] value = values.get(p.document().documentId());
            answers.add(
                    value != null
                            ? new Returned.Value(value)
                            : new Returned.Failed(FailureReason.SIGNATURE_INVALID, missing));
        }
        return answers;
    }

    static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "Group[id=" + id + ", subject=" + subject + ", documents=" + documents.size() + "]";
    }
}
