package dev.signingsuite.sandbox.eparaksts;

import dev.signingsuite.sandbox.signing.SigningLog;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** {@code signatures/server/raw[/batch]}: signs digests with a server sign identity the token allows. */
final class ServerSigning {

    private final EparakstsSettings settings;
    private final Grants grants;
    private final IdentityLookup identities;
    private final AtomicInteger singleSignatures = new AtomicInteger();
    private volatile int corruptEveryNth;

    private final SigningLog log;

    ServerSigning(EparakstsSettings settings, Grants grants, IdentityLookup identities, SigningLog log) {
        this.log = log;
        this.settings = settings;
        this.grants = grants;
        this.identities = identities;
    }

    int singleSignatures() {
        return singleSignatures.get();
    }

    void resetSingleSignatures() {
        singleSignatures.set(0);
    }

    void corruptEveryNth(int n) {
        corruptEveryNth = Math.max(0, n);
    }

    byte[] raw(String bearer, JsonNode request) {
        Grants.Token token = signingToken(bearer);
        SignIdentity identity = signingIdentity(token, text(request, "sign_identity_id"));
        SignatureAlgorithms.Algorithm algorithm = algorithm(identity, text(request, "signature_algorithm"));
        byte[] digest = digest(request.get("digest_value"), algorithm);
        checkSummary(token, List.of(digest));
        singleSignatures.incrementAndGet();
        byte[] value = identity.sign(algorithm, digest);
        log.signed(SigningLog.EPARAKSTS, digest);
        return value;
    }

    List<String> batch(String bearer, JsonNode request) {
        Grants.Token token = signingToken(bearer);
        SignIdentity identity = signingIdentity(token, text(request, "sign_identity_id"));
        JsonNode requests = request.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw PlatformError.invalidRequest("requests must be a non-empty array");
        }
        if (requests.size() > settings.maxBatch()) {
            throw PlatformError.invalidRequest(
                    "Too many requests in one batch: " + requests.size() + " > " + settings.maxBatch());
        }
        JsonNode defaultAlgorithm = request.get("signature_algorithm");
        List<SignatureAlgorithms.Algorithm> algorithms = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        for (JsonNode item : requests.values()) {
            JsonNode named =
                    item.hasNonNull("signature_algorithm") ? item.get("signature_algorithm") : defaultAlgorithm;
            SignatureAlgorithms.Algorithm algorithm =
                    algorithm(identity, named != null && named.isString() ? named.stringValue() : null);
            algorithms.add(algorithm);
            digests.add(digest(item.get("digest_value"), algorithm));
        }
        checkSummary(token, digests);
        int corrupt = corruptEveryNth;
        List<String> signatures = new ArrayList<>(digests.size());
        for (int i = 0; i < digests.size(); i++) {
            byte[] digest = digests.get(i);
            // The log names what the client asked to sign, also when the hook corrupts it.
            byte[] asked = digest;
            if (corrupt > 0 && (i + 1) % corrupt == 0) {
                digest = sha(
                        digest,
                        algorithms.get(i).ecdsa()
                                ? digest.length
                                : algorithms.get(i).digestLength());
            }
            signatures.add(Base64.getEncoder().encodeToString(identity.sign(algorithms.get(i), digest)));
            log.signed(SigningLog.EPARAKSTS, asked);
        }
        return signatures;
    }

    private Grants.Token signingToken(String bearer) {
        Grants.Token token = identities.userToken(bearer);
        if (!token.has(IdentityLookup.USE_SERVER)) {
            throw PlatformError.insufficientScope("server signatures need " + IdentityLookup.USE_SERVER);
        }
        // Spent by its first use, refused or not (see checkSummary).
        grants.spend(bearer);
        return token;
    }

    private SignIdentity signingIdentity(Grants.Token token, String id) {
        if (id == null) {
            throw PlatformError.invalidRequest("Missing parameter sign_identity_id");
        }
        if (!identities.serverIdentity(id)) {
            throw PlatformError.notFound("NotFoundException: server sign identity " + id);
        }
        if (!id.equals(token.signIdentityId())) {
            throw PlatformError.insufficientScope("The token was not approved for sign identity " + id);
        }
        return identities.identity(id);
    }

    private static SignatureAlgorithms.Algorithm algorithm(SignIdentity identity, String name) {
        SignatureAlgorithms.Algorithm algorithm = SignatureAlgorithms.of(name);
        if (algorithm.ecdsa() != identity.ecdsa()) {
            throw PlatformError.invalidRequest("signature_algorithm " + name + " does not fit the key");
        }
        return algorithm;
    }

    private static byte[] digest(JsonNode node, SignatureAlgorithms.Algorithm algorithm) {
        if (node == null || !node.isString()) {
            throw PlatformError.invalidRequest("Missing parameter digest_value");
        }
        String text = node.stringValue();
        // The wiki's example has no padding; clients usually send it padded: both are accepted.
        while (text.length() % 4 != 0) {
            text += "=";
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw PlatformError.invalidRequest("digest_value is not base64");
        }
        boolean fits = algorithm.ecdsa()
                ? digest.length == 32 || digest.length == 48 || digest.length == 64
                : digest.length == algorithm.digestLength();
        if (!fits) {
            throw PlatformError.invalidRequest(
                    "Invalid digest_value length " + digest.length + " for " + algorithm.name());
        }
        return digest;
    }

    /**
     * A signing token signs exactly the digests its summary covers (spec section 15 items 9 and 11;
     * section 6 on server/raw), once: the first call spends it, refused or not, as LVRTC's CSC layer
     * does (section 12).
     */
    private static void checkSummary(Grants.Token token, List<byte[]> digests) {
        if (!DigestsSummary.of(token.digestsSummaryAlgorithm(), digests).equals(token.digestsSummary())) {
            throw PlatformError.insufficientScope("The digests are not covered by the approved digests_summary");
        }
    }

    /** The summary with the default algorithm, for tests. */
    static String digestsSummary(List<byte[]> digests) {
        return DigestsSummary.of("sha256", digests);
    }

    private static byte[] sha(byte[] data, int length) {
        String name = switch (length) {
            case 20 -> "SHA-1";
            case 48 -> "SHA-384";
            case 64 -> "SHA-512";
            default -> "SHA-256";
        };
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
