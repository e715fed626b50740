package dev.signingsuite.provider.csc.client;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credential authorisations asked for at {@code oauth2/authorize}, remembered by their PKCE
 * challenge until the code is exchanged: the token request must repeat {@code
 * authorization_details} (CSC API v2 section 8.4.4), and a token that says what it covers (LVRTC's
 * {@code digest_signing}, eparaksts.md section 12) is checked against what was asked before it is
 * used, as GOCSC-LV's {@code Bound} does.
 */
final class CredentialAsks {

    /** Asks nobody completed are forgotten, oldest first. */
    private static final int KEPT = 1_000;

    private final Map<String, Asked> byChallenge = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Asked> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * @param authorizationDetails the JSON sent as {@code authorization_details}, or null
     */
    record Asked(String credentialId, int numSignatures, List<byte[]> hashes, String authorizationDetails) {}

    /** The RAR entry of type {@code credential}, hashes in standard Base64 as in the specification's sample. */
    static String authorizationDetails(CscClient.AuthorizationRequest request) {
        List<CscWire.DocumentDigest> digests = new ArrayList<>();
        for (int i = 0; i < request.hashes().size(); i++) {
            digests.add(new CscWire.DocumentDigest(
                    Base64.getEncoder().encodeToString(request.hashes().get(i)), "document " + (i + 1)));
        }
        return new String(
                CscTransport.json(List.of(new CscWire.CredentialDetail(
                        "credential",
                        request.credentialId(),
                        digests,
                        request.hashAlgorithmOid(),
                        request.numSignatures()))),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    synchronized void remember(String codeChallenge, Asked asked) {
        byChallenge.put(codeChallenge, asked);
    }

    /** What was asked with the verifier's challenge, forgotten now; null for a service login. */
    synchronized Asked take(String codeVerifier) {
        return byChallenge.remove(Pkce.challenge(codeVerifier));
    }

    /**
     * @throws CscCallException when the token answer binds the token to another credential, count or
     *     digests than asked: using it would spend it on signatures nobody approved
     */
    static void requireBound(Asked asked, CscWire.TokenResponse answer) {
        if (asked == null || asked.hashes() == null || answer.authorizationDetails() == null) {
            return;
        }
        for (CscWire.GrantedDetail detail : answer.authorizationDetails()) {
            if (!"digest_signing".equals(detail.type())) {
                continue;
            }
            Map<String, Integer> granted = new HashMap<>();
            if (detail.digests() != null) {
                detail.digests().forEach(d -> granted.merge(normalised(d.value()), 1, Integer::sum));
            }
            Map<String, Integer> wanted = new HashMap<>();
            asked.hashes().forEach(h -> wanted.merge(Base64.getEncoder().encodeToString(h), 1, Integer::sum));
            boolean bound = asked.credentialId().equals(detail.signIdentityId())
                    && (detail.numSignatures() == null || detail.numSignatures() == asked.numSignatures())
                    && granted.equals(wanted);
            if (!bound) {
                throw CscCallException.unreadable(
                        "oauth2/token",
                        "the token is bound to other digests, credential or count than the person was asked to"
                                + " approve");
            }
        }
    }

    private static String normalised(String value) {
        try {
            byte[] bytes = value.indexOf('-') >= 0 || value.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(value)
                    : Base64.getDecoder().decode(value);
            return Base64.getEncoder().encodeToString(bytes);
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(value);
        }
    }
}
