package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.csc.client.Pkce;
import dev.signingsuite.provider.runtime.SigningIntents;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import dev.signingsuite.provider.runtime.approval.GroupAuthority;
import dev.signingsuite.provider.runtime.approval.PendingGroup;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A person's approvals per group of documents of an {@code oauth2code} credential: the runtime's
 * {@link ApprovalGroups} (one group per credential, at most {@code min(max-batch-size, multisign)}
 * documents, no window: a group gathers until it is full or started), approved the CSC way. The
 * person goes to the service's authorization endpoint with {@code scope=credential}, the credential,
 * the number of signatures and the group's exact hashes, with PKCE; the callback's code becomes a
 * credential token bound to those hashes, spent by one signHash over all of them ({@link
 * ApprovedSigning}).
 */
public final class CredentialApprovals implements GroupAuthority<CscClient.Grant> {

    private final CscClient client;
    private final URI redirectUri;
    private final ApprovalGroups<CscClient.Grant> groups;

    /** @param redirectUri registered with the service: the gateway's {@code /csc/callback} */
    public CredentialApprovals(CscClient client, URI redirectUri, Clock clock, MeterRegistry meters) {
        this(client, redirectUri, clock, meters, () -> SigningIntents.NONE);
    }

    /** @param ledger the provider's ledger of remote signatures (see {@link ApprovalGroups}) */
    public CredentialApprovals(
            CscClient client, URI redirectUri, Clock clock, MeterRegistry meters, Supplier<SigningIntents> ledger) {
        this.client = client;
        this.redirectUri = redirectUri;
        this.groups = new ApprovalGroups<>("csc", this, null, clock, meters, ledger);
    }

    /** The groups themselves. */
    public ApprovalGroups<CscClient.Grant> groups() {
        return groups;
    }

    /** What the operator page lists. */
    public List<PendingGroup> pending() {
        return groups.pending();
    }

    /** @see ApprovalGroups#start(String) */
    public URI start(String groupId) {
        return groups.start(groupId);
    }

    /** @see ApprovalGroups#issued(String) */
    public boolean issued(String state) {
        return groups.issued(state);
    }

    /**
     * @see ApprovalGroups#complete(String, String)
     * @throws dev.signingsuite.provider.csc.client.CscCallException when the service refuses the code
     */
    public void complete(String code, String state) {
        groups.complete(code, state);
    }

    /**
     * The person refused the approval that issued {@code state}. A registered device's refusal (a
     * wrong PIN, a denial) is its person's final word: its documents fail. A seal's approval is an
     * operator's, who may start it again: its documents keep waiting.
     *
     * @return whether the documents fail
     */
    public boolean refused(String state, String error, String description) {
        boolean device = groups.subjectOf(state).map(CscProperties::device).orElse(false);
        return device
                && groups.refused(
                        state,
                        "the person refused to sign with the device: " + error
                                + (description == null ? "" : " (" + description + ")"));
    }

    @Override
    public URI approvalUrl(Request request) {
        return client.authorizationUrl(new CscClient.AuthorizationRequest(
                redirectUri,
                request.state(),
                Pkce.challenge(request.verifier()),
                request.subject(),
                request.digests().size(),
                request.digests(),
                request.hashAlgorithm()));
    }

    @Override
    public CscClient.Grant exchange(String code, String verifier) {
        return client.exchangeCode(code, verifier, redirectUri);
    }

    @Override
    public Instant expiresAt(CscClient.Grant grant) {
        return grant.expiresAt();
    }
}
