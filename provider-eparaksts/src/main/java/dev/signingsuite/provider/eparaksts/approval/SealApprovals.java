package dev.signingsuite.provider.eparaksts.approval;

import dev.signingsuite.provider.eparaksts.client.DigestsSummary;
import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import dev.signingsuite.provider.runtime.approval.GroupAuthority;
import dev.signingsuite.provider.runtime.approval.RedirectQuery;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How eParaksts approves a group ({@link ApprovalGroups} holds the groups): the platform binds a
 * signing token to one seal identity and one {@code digests_summary}, confirmed by the person in
 * eParaksts Mobile (spec sections 2, 9.1, 11.3-11.4), so the approval asks {@code use:server} with
 * the group's seal, the summary of exactly its digests in signing order and the summary's algorithm.
 */
public final class SealApprovals implements GroupAuthority<EparakstsClient.UserToken> {

    private static final Logger log = LoggerFactory.getLogger(SealApprovals.class);

    private final EparakstsClient client;
    private final EparakstsProperties.Approval settings;
    private final boolean autoApprove;

    /** @param autoApprove sandbox only: approve each group when it closes, as the simulator's person */
    public SealApprovals(EparakstsClient client, EparakstsProperties.Approval settings, boolean autoApprove) {
        this.client = client;
        this.settings = settings;
        this.autoApprove = autoApprove;
    }

    /** The most documents in a group: the platform publishes no limit. */
    public int maxSize() {
        return settings.maxSize();
    }

    @Override
    public URI approvalUrl(Request request) {
        String summary = DigestsSummary.of(settings.summaryAlgorithm(), request.digests());
        return client.signingAuthorizeUrl(request.state(), request.subject(), summary, settings.summaryAlgorithm());
    }

    @Override
    public EparakstsClient.UserToken exchange(String code, String verifier) {
        return client.exchangeCode(code);
    }

    @Override
    public Instant expiresAt(EparakstsClient.UserToken grant) {
        return grant.expiresAt();
    }

    /** Whether groups are approved without a person (the sandbox). */
    public boolean automatic() {
        return autoApprove;
    }

    /**
     * In the sandbox the simulator's test person approves each closed group at once, as a browser
     * would (authorize, then the callback's code); elsewhere nothing happens. One consumer thread at
     * a time: two starting the same group would each void the other's state.
     */
    public synchronized void approveDue(ApprovalGroups<EparakstsClient.UserToken> groups) {
        if (!autoApprove) {
            return;
        }
        for (String id : groups.closedUnstarted()) {
            try {
                Map<String, String> callback = RedirectQuery.of(client.visitAuthorize(groups.start(id)));
                if (callback.containsKey("error")) {
                    log.warn("eParaksts automatic approval of group {} refused: {}", id, callback.get("error"));
                    groups.abandon(id);
                    continue;
                }
                groups.complete(callback.get("code"), callback.get("state"));
            } catch (EparakstsCallException | IllegalArgumentException e) {
                // Tried again at the next poll: a started group is otherwise never approved by itself.
                log.warn("eParaksts automatic approval of group {} failed, tried again: {}", id, e.getMessage());
                groups.abandon(id);
            }
        }
    }
}
