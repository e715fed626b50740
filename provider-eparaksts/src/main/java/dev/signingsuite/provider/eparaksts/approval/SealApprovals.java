package dev.signingsuite.provider.eparaksts.approval;

import dev.signingsuite.provider.eparaksts.client.DigestsSummary;
import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import dev.signingsuite.provider.runtime.PreparedSignature;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval groups: the platform binds a signing token to one seal identity and one {@code
 * digests_summary}, confirmed by the person in eParaksts Mobile (spec sections 2, 9.1, 11.3-11.4),
 * so documents of one seal gather into a group (at most {@code maxSize}, for {@code window}),
 * prepared once when they first wait so that the digests approved are the digests signed. A group
 * closes when full, when its window has passed or when the operator starts its approval; later
 * documents go into the next group. The approval's code becomes the group's token, held here only
 * (never logged) and spent by one {@code raw/batch} over all the group's digests when the first of its
 * documents comes again; the values of all stay here for a while, so that documents coming again
 * (their poll handed back, or records not yet delivered) get them. A group whose token
 * expired unused is dropped: its documents wait again, in a new group. The same mechanism as
 * provider-csc's credential approvals.
 *
 * <p>Held in memory: after a restart the documents (never acknowledged) form new groups.
 */
public final class SealApprovals {

    private static final Logger log = LoggerFactory.getLogger(SealApprovals.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The person has this long from the start of an approval to the callback. */
    private static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);

    /**
     * How long a signed group keeps its values: a poll handed back after its group was signed (the
     * service waited for another group) brings the same documents again, and they must get the values
     * the runtime recorded for them, not a second preparation.
     */
    private static final Duration SIGNED_RETENTION = Duration.ofMinutes(5);

    /** A token that expires within this margin is not used: raw/batch would likely see it expire. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    private final EparakstsClient client;
    private final EparakstsProperties.Approval settings;
    private final Clock clock;
    private final boolean autoApprove;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    /** @param autoApprove sandbox only: approve each group when it closes, as the simulator's person */
    public SealApprovals(
            EparakstsClient client, EparakstsProperties.Approval settings, Clock clock, boolean autoApprove) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.autoApprove = autoApprove;
    }

    /**
     * Closes the groups whose window has passed; in the sandbox the simulator's test person then
     * approves each at once, as a browser would (authorize, then the callback's code).
     */
    public void closeAndApproveDue() {
        List<String> waiting = closeDue();
        if (!autoApprove) {
            return;
        }
        for (String id : waiting) {
            try {
                Map<String, String> callback = query(client.visitAuthorize(start(id)));
                if (callback.containsKey("error")) {
                    log.warn("eParaksts automatic approval of group {} refused: {}", id, callback.get("error"));
                    continue;
                }
                complete(callback.get("code"), callback.get("state"));
            } catch (EparakstsCallException | IllegalArgumentException e) {
                log.warn("eParaksts automatic approval of group {} failed: {}", id, e.getMessage());
            }
        }
    }

    /** A held document: its group, its prepared signature, and whether the group may be signed. */
    public record Held(String groupId, PreparedSignature prepared, boolean approved) {}

    /**
     * One group as the operator page shows it; never the token.
     *
     * @param state {@code OPEN} (gathering), {@code WAITING} (closed, nobody started it), {@code
     *     STARTED} (a person is at the platform), {@code APPROVED} (token held until {@code
     *     expiresAt}), {@code SIGNED} (values kept for the documents' records for a few minutes)
     */
    public record Pending(String id, String sealId, int documents, String state, Instant expiresAt) {}

    /** The document's group, if it waits in one; its digest must not change while it waits. */
    public synchronized Optional<Held> held(String documentId) {
        dropExpired();
        for (Group group : groups.values()) {
            PreparedSignature prepared = group.documents.get(documentId);
            if (prepared != null) {
                boolean approved = group.token != null || !group.returned.isEmpty();
                return Optional.of(new Held(group.id, prepared, approved));
            }
        }
        return Optional.empty();
    }

    /** Adds a waiting document to its seal's open group, or opens a new one. */
    public synchronized void await(String sealId, PreparedSignature prepared) {
        Group open = groups.values().stream()
                .filter(g -> g.sealId.equals(sealId) && !g.closed && g.documents.size() < settings.maxSize())
                .findFirst()
                .orElse(null);
        if (open == null) {
            open = new Group(random(), sealId, clock.instant());
            groups.put(open.id, open);
            log.info("eParaksts seal {}: documents gather into approval group {}", sealId, open.id);
        }
        open.documents.put(prepared.document().documentId(), prepared);
        if (open.documents.size() >= settings.maxSize()) {
            open.closed = true;
        }
    }

    /** Closes the groups whose window has passed; returns those that wait for a person to start them. */
    synchronized List<String> closeDue() {
        Instant now = clock.instant();
        List<String> waiting = new ArrayList<>();
        for (Group group : groups.values()) {
            if (!group.closed && !now.isBefore(group.openedAt.plus(settings.window()))) {
                group.closed = true;
            }
            if (group.closed && group.token == null && group.state == null && group.returned.isEmpty()) {
                waiting.add(group.id);
            }
        }
        return waiting;
    }

    /** Groups that wait for someone to approve them: the operator's gauge. */
    public synchronized int waiting() {
        return (int) groups.values().stream()
                .filter(g -> g.closed && g.token == null && g.returned.isEmpty())
                .count();
    }

    /**
     * Where the person's browser goes to approve the group: {@code use:server} with the seal, the
     * group's {@code digests_summary} and its algorithm; a new state each time. The group closes.
     *
     * @throws IllegalArgumentException for an unknown or already approved group
     */
    public synchronized URI start(String groupId) {
        Group group = groups.get(groupId);
        if (group == null || group.token != null || !group.returned.isEmpty()) {
            throw new IllegalArgumentException("no group waiting for approval: " + groupId);
        }
        group.closed = true;
        group.state = random();
        group.startedAt = clock.instant();
        String summary = DigestsSummary.of(settings.summaryAlgorithm(), digests(group));
        return client.signingAuthorizeUrl(group.state, group.sealId, summary, settings.summaryAlgorithm());
    }

    /** Whether {@code state} is one of a group's approval (else it may be a login's). */
    public synchronized boolean issued(String state) {
        return state != null && find(state) != null;
    }

    /**
     * Exchanges the callback's code for the token of the group that issued the state.
     *
     * @throws IllegalArgumentException for an unknown or expired state, or no code
     */
    public synchronized void complete(String code, String state) {
        Group group = state == null ? null : find(state);
        if (group == null
                || code == null
                || code.isBlank()
                || clock.instant().isAfter(group.startedAt.plus(LOGIN_LIFETIME))) {
            throw new IllegalArgumentException("unknown or expired approval state");
        }
        group.state = null;
        group.token = client.exchangeCode(code);
        log.info(
                "eParaksts seal {}: group {} of {} documents approved until {}",
                group.sealId,
                group.id,
                group.documents.size(),
                group.token.expiresAt());
    }

    /** A group's seal and token, never logged. */
    public record Approved(String sealId, EparakstsClient.UserToken token) {
        @Override
        public String toString() {
            return "Approved[sealId=" + sealId + "]";
        }
    }

    /** The group's seal and token; empty when it has none (not approved, expired, dropped). */
    public synchronized Optional<Approved> approved(String groupId) {
        dropExpired();
        Group group = groups.get(groupId);
        return group == null || group.token == null
                ? Optional.empty()
                : Optional.of(new Approved(group.sealId, group.token));
    }

    /** The group's documents its token has not signed yet: all of them, or none. */
    public synchronized List<PreparedSignature> unsigned(String groupId) {
        Group group = groups.get(groupId);
        if (group == null || !group.returned.isEmpty()) {
            return List.of();
        }
        return List.copyOf(group.documents.values());
    }

    /** What the group's raw/batch returned, kept until each document's record comes again; the token is spent. */
    public synchronized void returned(String groupId, Map<String, byte[]> values) {
        Group group = groups.get(groupId);
        if (group != null) {
            group.returned.putAll(values);
            group.token = null;
            group.signedAt = clock.instant();
        }
    }

    public synchronized byte[] value(String groupId, String documentId) {
        Group group = groups.get(groupId);
        return group == null ? null : group.returned.get(documentId);
    }

    /** A group whose token the platform refused: its documents wait again, in a new group. */
    public synchronized void drop(String groupId) {
        groups.remove(groupId);
    }

    /** What the operator page lists. */
    public synchronized List<Pending> pending() {
        dropExpired();
        List<Pending> list = new ArrayList<>();
        for (Group group : groups.values()) {
            String state = !group.returned.isEmpty()
                    ? "SIGNED"
                    : group.token != null
                            ? "APPROVED"
                            : group.state != null ? "STARTED" : group.closed ? "WAITING" : "OPEN";
            list.add(new Pending(
                    group.id,
                    group.sealId,
                    group.documents.size(),
                    state,
                    group.token == null ? null : group.token.expiresAt()));
        }
        return list;
    }

    private static List<byte[]> digests(Group group) {
        return group.documents.values().stream().map(PreparedSignature::digest).toList();
    }

    private Group find(String state) {
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
            boolean expired = g.token != null && !now.plus(EXPIRY_MARGIN).isBefore(g.token.expiresAt());
            if (expired) {
                log.info(
                        "eParaksts seal {}: group {} expired unused for {} documents; they wait again",
                        g.sealId,
                        g.id,
                        g.documents.size());
            }
            return expired;
        });
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static final class Group {
        private final String id;
        private final String sealId;
        private final Instant openedAt;
        private final Map<String, PreparedSignature> documents = new LinkedHashMap<>();
        private final Map<String, byte[]> returned = new LinkedHashMap<>();
        private boolean closed;
        private String state;
        private Instant startedAt;
        private EparakstsClient.UserToken token;
        private Instant signedAt;

        private Group(String id, String sealId, Instant openedAt) {
            this.id = id;
            this.sealId = sealId;
            this.openedAt = openedAt;
        }

        @Override
        public String toString() {
            return "Group[id=" + id + ", sealId=" + sealId + ", documents=" + documents.size() + "]";
        }
    }
}
