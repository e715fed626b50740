package dev.signingsuite.provider.runtime.approval;

import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.Returned;
import dev.signingsuite.provider.runtime.SignerWaits;
import dev.signingsuite.provider.runtime.SigningIntents;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval groups, for every provider whose service binds a single-use token to one signer and one
 * set of digests that a person confirms (eParaksts {@code use:server} with {@code digests_summary},
 * CSC {@code scope=credential} with {@code hashes}). Documents that wait gather per subject (seal,
 * credential) into a group of at most a given size, prepared once when they first wait so that the
 * digests approved are the digests signed. A group closes when full, when its window has passed (if
 * there is one) or when the operator starts its approval; later documents go into the next group.
 * The callback's code becomes the group's grant, held here only (never logged), and spent by one call
 * over all the group's digests when the first of its documents comes again; the values of the others
 * wait here for their records. A group whose grant expired unused, or whose grant the service refused,
 * is dropped: its documents wait again, in a new group. What a provider supplies is its {@link
 * GroupAuthority} and the signing call.
 *
 * <p>Held in memory: after a restart the documents (never acknowledged) form new groups, except
 * those the ledger says a group's call was made for ({@link #calling}).
 *
 * @param <G> the provider's grant
 */
public final class ApprovalGroups<G> {

    private static final Logger log = LoggerFactory.getLogger(ApprovalGroups.class);

    /** The person has this long from the start of an approval to the callback. */
    private static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);

    /** A grant that expires within this margin is not used: the call would likely see it expire. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    /**
     * How long a signed group keeps the values of documents whose records have not come again: they
     * come again unless their partition moved to another instance (which forms its own groups), so
     * this only bounds what such a move leaves behind.
     */
    private static final Duration SIGNED_RETENTION = Duration.ofDays(7);

    private static final Duration SHORTEST_RECHECK = Duration.ofMillis(100);

    private final String provider;
    private final GroupAuthority<G> authority;
    private final Duration window;
    private final Clock clock;
    private final Map<String, ApprovalGroup<G>> groups = new LinkedHashMap<>();
    // Documents whose approval the person refused for good, with the reason, until their next resolution.
    private final Map<String, String> refusals = new HashMap<>();
    private final GroupCallLedger callLedger;

    /**
     * @param provider the {@code provider} tag of the waiting gauge, and the name in logs
     * @param window how long a group gathers documents before it asks for approval; null: until it is
     *     full or started
     */
    public ApprovalGroups(
            String provider, GroupAuthority<G> authority, Duration window, Clock clock, MeterRegistry meters) {
        this(provider, authority, window, clock, meters, () -> SigningIntents.NONE);
    }

    /**
     * @param ledger the provider's ledger of remote signatures, looked up at the first call (the
     *     ledger's own bean needs the provider): every document of a group gets its entries there,
     *     not only those of the poll that makes the group's call
     */
    public ApprovalGroups(
            String provider,
            GroupAuthority<G> authority,
            Duration window,
            Clock clock,
            MeterRegistry meters,
            Supplier<SigningIntents> ledger) {
        this.callLedger = new GroupCallLedger(provider, ledger);
        this.provider = provider;
        this.authority = authority;
        this.window = window;
        this.clock = clock;
        // The operator is told that a group waits for the person (an alert can watch it).
        SigningMeters.approvalsWaiting(meters, provider, this, ApprovalGroups::waiting);
    }

    /** A held document: its group, its prepared signature, and whether the group may be signed. */
    public record Held(String groupId, PreparedSignature prepared, boolean approved) {}

    /** The document's group, if it waits in one; its digest must not change while it waits. */
    public synchronized Optional<Held> held(String documentId) {
        dropExpired();
        for (ApprovalGroup<G> group : groups.values()) {
            PreparedSignature prepared = group.documents.get(documentId);
            if (prepared != null) {
                return Optional.of(new Held(group.id, prepared, group.grant != null || group.signedAt != null));
            }
        }
        return Optional.empty();
    }

    /**
     * Adds a waiting document to its subject's open group, or opens a new one.
     *
     * @param capacity the most documents in the subject's groups
     * @param hashAlgorithm the digests' algorithm, handed to the {@link GroupAuthority}
     */
    public synchronized void await(String subject, String hashAlgorithm, int capacity, PreparedSignature prepared) {
        await(subject, hashAlgorithm, capacity, prepared, 0);
    }

    /** As above, for the document's {@code attempt} (its record's {@code signing-attempt}). */
    public synchronized void await(
            String subject, String hashAlgorithm, int capacity, PreparedSignature prepared, int attempt) {
        Instant now = clock.instant();
        ApprovalGroup<G> open = groups.values().stream()
                .filter(g -> g.subject.equals(subject) && !g.closed(window, now) && g.documents.size() < capacity)
                .findFirst()
                .orElse(null);
        if (open == null) {
            open = new ApprovalGroup<>(ApprovalGroup.random(), subject, hashAlgorithm, now);
            groups.put(open.id, open);
            log.info("{} {}: documents gather into approval group {}", provider, subject, open.id);
        }
        open.add(prepared, attempt, capacity);
    }

    /**
     * Closes the open groups that hold any of these documents, before their window ends: when no
     * person approves (the sandbox), a group need not wait for company.
     */
    public synchronized void close(Collection<String> documentIds) {
        for (ApprovalGroup<G> group : groups.values()) {
            if (group.unapproved() && documentIds.stream().anyMatch(group.documents::containsKey)) {
                group.full = true;
            }
        }
    }

    /**
     * Lets go of documents whose batch was cancelled (ADR 31), from groups no person approved yet: a
     * group left empty is dropped, so its approval (the person's login, the operator page's entry)
     * ends and no one is asked to approve digests nobody wants signed. An approved group keeps its
     * documents: its call may already be made.
     */
    public synchronized void cancelled(Collection<String> documentIds) {
        List<String> emptied = new ArrayList<>();
        for (ApprovalGroup<G> group : groups.values()) {
            if (group.unapproved() && group.letGo(documentIds)) {
                emptied.add(group.id);
            }
        }
        emptied.forEach(id -> {
            groups.remove(id);
            log.info("{}: approval group {} dropped, its documents' batch was cancelled", provider, id);
        });
    }

    /**
     * Runs a group's signing call: one at a time per group, so that several consumer threads never
     * spend its single-use grant twice; the second finds the group signed. A group that is gone runs
     * without the guard (there is nothing to spend).
     */
    public <T> T exclusively(String groupId, Supplier<T> call) {
        Object guard;
        synchronized (this) {
            ApprovalGroup<G> group = groups.get(groupId);
            guard = group == null ? new Object() : group.callGuard;
        }
        synchronized (guard) {
            return call.get();
        }
    }

    /** The groups that wait for a person to start their approval (closed, not started, no grant). */
    public synchronized List<String> closedUnstarted() {
        Instant now = clock.instant();
        return groups.values().stream()
                .filter(g -> g.closed(window, now) && g.state == null && g.unapproved())
                .map(g -> g.id)
                .toList();
    }

    /** Groups that wait for someone to approve them: the operator's gauge. */
    public synchronized int waiting() {
        Instant now = clock.instant();
        return (int) groups.values().stream()
                .filter(g -> (window == null || g.closed(window, now)) && g.unapproved())
                .count();
    }

    /**
     * How long until a waiting group may change: the end of the earliest open window, a short while
     * when a person is approving a group (or just did), else {@code longest}. A poll of waiting
     * documents comes again after this, so that a group asks for its approval as soon as its window
     * ends and is signed soon after the person approved it, not a fixed recheck later.
     */
    public synchronized Duration nextChange(Duration longest) {
        Instant now = clock.instant();
        Duration next = longest;
        for (ApprovalGroup<G> group : groups.values()) {
            Duration left = group.untilChange(window, now);
            if (left != null && left.compareTo(next) < 0) {
                next = left;
            }
        }
        // Never zero: a parked poll's pause doubles from this.
        return next.compareTo(SHORTEST_RECHECK) < 0 ? SHORTEST_RECHECK : next;
    }

    /**
     * Where the person's browser goes to approve the group; a new state and verifier each time. The
     * group closes: its digests are fixed from now on.
     *
     * @throws IllegalArgumentException for an unknown or already approved group
     */
    public synchronized URI start(String groupId) {
        ApprovalGroup<G> group = groups.get(groupId);
        if (group == null || !group.unapproved()) {
            throw new IllegalArgumentException("no group waiting for approval: " + groupId);
        }
        return authority.approvalUrl(group.startApproval(clock.instant()));
    }

    /** Whether {@code state} is one of a group's approval (else it may be a login's). */
    public synchronized boolean issued(String state) {
        return state != null && find(state) != null;
    }

    /**
     * Exchanges the callback's code for the grant of the group that issued the state.
     *
     * @throws IllegalArgumentException for an unknown or expired state, or no code
     */
    public synchronized void complete(String code, String state) {
        ApprovalGroup<G> group = state == null ? null : find(state);
        if (group == null
                || code == null
                || code.isBlank()
                || clock.instant().isAfter(group.startedAt.plus(LOGIN_LIFETIME))) {
            throw new IllegalArgumentException("unknown or expired approval state");
        }
        group.grant = authority.exchange(code, group.endApproval());
        log.info(
                "{} {}: group {} of {} documents approved until {}",
                provider,
                group.subject,
                group.id,
                group.documents.size(),
                authority.expiresAt(group.grant));
    }

    /**
     * A started approval that broke off before its callback (the service refused or did not answer
     * the authorization): the group may be started again. An approval a person abandons in the
     * browser needs nothing: starting the group again from the operator page replaces its state.
     */
    public synchronized void abandon(String groupId) {
        ApprovalGroup<G> group = groups.get(groupId);
        if (group != null && group.unapproved()) {
            group.endApproval();
        }
    }

    /** The subject of the group whose approval issued {@code state}, if one did. */
    public synchronized Optional<String> subjectOf(String state) {
        ApprovalGroup<G> group = state == null ? null : find(state);
        return group == null ? Optional.empty() : Optional.of(group.subject);
    }

    /**
     * The person refused the approval that issued {@code state} for good (a wrong PIN at a person's
     * own signing device): the group is dropped and each of its documents is refused once, at its
     * next resolution ({@link #refusal}); none is signed.
     *
     * @return false for an unknown or spent state
     */
    public synchronized boolean refused(String state, String reason) {
        ApprovalGroup<G> group = state == null ? null : find(state);
        if (group == null || !group.unapproved()) {
            return false;
        }
        group.endApproval();
        groups.remove(group.id);
        group.documents.keySet().forEach(id -> refusals.put(id, reason));
        log.info("{} {}: approval group {} refused by the person: {}", provider, group.subject, group.id, reason);
        return true;
    }

    /** Why the person refused the document's approval ({@link #refused}), told once. */
    public synchronized Optional<String> refusal(String documentId) {
        return Optional.ofNullable(refusals.remove(documentId));
    }

    /** The group's grant; empty when it has none (not approved, expired, dropped, spent). */
    public synchronized Optional<G> grant(String groupId) {
        dropExpired();
        ApprovalGroup<G> group = groups.get(groupId);
        return group == null || group.signedAt != null ? Optional.empty() : Optional.ofNullable(group.grant);
    }

    /** The group's subject (seal, credential), if the group is still held. */
    public synchronized Optional<String> subject(String groupId) {
        ApprovalGroup<G> group = groups.get(groupId);
        return group == null ? Optional.empty() : Optional.of(group.subject);
    }

    /** The group's documents its grant has not signed yet, in signing order: all of them, or none. */
    public synchronized List<PreparedSignature> unsigned(String groupId) {
        ApprovalGroup<G> group = groups.get(groupId);
        if (group == null || group.signedAt != null) {
            return List.of();
        }
        return List.copyOf(group.documents.values());
    }

    /**
     * Before the group's one call: a {@code STARTED} entry, on the broker, for each of its documents
     * that is not in the poll making the call (the runtime writes those of the poll). The call signs
     * them all; without these entries a restart before their records come again would lose their
     * values and have them approved and signed a second time.
     *
     * @param present the documents of the poll making the call
     */
    public void calling(String groupId, Collection<String> present) {
        List<SigningIntent> absent;
        synchronized (this) {
            ApprovalGroup<G> group = groups.get(groupId);
            if (group == null) {
                return;
            }
            absent = callLedger.started(group, present, clock.instant());
            group.calling = absent;
        }
        callLedger.write(absent);
    }

    /** The group's call failed without signing (refused, or no answer where asking again is safe). */
    public void callFailed(String groupId) {
        List<SigningIntent> withdrawn;
        synchronized (this) {
            ApprovalGroup<G> group = groups.get(groupId);
            if (group == null) {
                return;
            }
            withdrawn = group.endCall();
        }
        callLedger.withdraw(withdrawn);
    }

    /**
     * What the group's one call returned, kept until each document's record comes again; the grant
     * is spent. A document without a value (the answer was lost) gets none, and is not asked again:
     * its {@code STARTED} entry stays. Values of documents outside the calling poll go to the ledger.
     */
    public void signed(String groupId, Map<String, byte[]> values) {
        List<SigningIntent> returned;
        synchronized (this) {
            ApprovalGroup<G> group = groups.get(groupId);
            if (group == null) {
                return;
            }
            returned = group.signed(values, clock.instant());
        }
        callLedger.write(returned);
    }

    /**
     * The answers for documents of a signed group that came again: each one's value, or the failure
     * {@code missing} says.
     *
     * @throws SignerWaits when the group is gone: another consumer thread's call dropped it (its
     *     grant refused) or its grant expired unused while this thread waited for the call. Nothing
     *     was signed for these documents, so they wait for a new approval; failing them, as this
     *     once did, ended documents that another call would have signed.
     */
    public synchronized List<Returned> answers(String groupId, List<PreparedSignature> present, String missing) {
        ApprovalGroup<G> group = groups.get(groupId);
        if (group == null) {
            throw new SignerWaits(
                    "approval group " + groupId + " ended unsigned; its documents wait for a new approval");
        }
        return group.answers(present, missing);
    }

    /** Documents whose outcome was published: they leave their group, which ends when it is empty. */
    public synchronized void delivered(String groupId, Collection<String> documentIds) {
        ApprovalGroup<G> group = groups.get(groupId);
        if (group != null && group.leave(documentIds)) {
            groups.remove(groupId);
        }
    }

    /** A group whose grant the service refused: its documents wait again, in a new group. */
    public synchronized void drop(String groupId) {
        groups.remove(groupId);
    }

    /** What the operator pages list. */
    public synchronized List<PendingGroup> pending() {
        dropExpired();
        Instant now = clock.instant();
        return groups.values().stream()
                .map(g -> g.pending(
                        window, now, g.grant == null || g.signedAt != null ? null : authority.expiresAt(g.grant)))
                .toList();
    }

    private ApprovalGroup<G> find(String state) {
        return groups.values().stream()
                .filter(g -> state.equals(g.state))
                .findFirst()
                .orElse(null);
    }

    private void dropExpired() {
        Instant now = clock.instant();
        groups.values().removeIf(g -> {
            if (g.signedAt != null) {
                return now.isAfter(g.signedAt.plus(SIGNED_RETENTION));
            }
            boolean expired = g.grant != null && !now.plus(EXPIRY_MARGIN).isBefore(authority.expiresAt(g.grant));
            if (expired) {
                log.info(
                        "{} {}: group {} expired unused for {} documents; they wait again",
                        provider,
                        g.subject,
                        g.id,
                        g.documents.size());
            }
            return expired;
        });
    }
}
