package dev.signingsuite.provider.runtime.approval;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * What differs between providers in an approval group: how the person is sent to approve it and how
 * the answer becomes the group's grant (eParaksts: a {@code use:server} token bound to the seal and
 * the {@code digests_summary}; CSC: a {@code scope=credential} token bound to the hashes).
 *
 * @param <G> the grant: a single-use token, never logged
 */
public interface GroupAuthority<G> {

    /** Where the person's browser goes to approve exactly these digests; {@code state} comes back. */
    URI approvalUrl(Request request);

    /**
     * The grant for the callback's code.
     *
     * @param verifier the PKCE verifier of this start (unused where the service takes no PKCE)
     */
    G exchange(String code, String verifier);

    /** When the grant stops being usable. */
    Instant expiresAt(G grant);

    /**
     * One start of a group's approval.
     *
     * @param subject what the group is signed with: the seal identity, the credential
     * @param hashAlgorithm the digests' algorithm as the provider names it (an OID for CSC)
     * @param digests in signing order: the order the group is signed in
     * @param verifier a fresh PKCE verifier (RFC 7636, 64 characters)
     */
    record Request(
            String groupId, String subject, String hashAlgorithm, List<byte[]> digests, String state, String verifier) {

        public Request {
            digests = List.copyOf(digests);
        }

        @Override
        public String toString() {
            return "Request[groupId=" + groupId + ", subject=" + subject + ", digests=" + digests.size() + "]";
        }
    }
}
