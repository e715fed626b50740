package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.csc.Authorizations.AccessToken;
import dev.signingsuite.sandbox.csc.Authorizations.Grant;
import dev.signingsuite.sandbox.csc.Authorizations.Scope;
import dev.signingsuite.sandbox.csc.SignAlgorithms.HashAlgorithm;
import dev.signingsuite.sandbox.csc.SignAlgorithms.Sign;
import dev.signingsuite.sandbox.signing.SigningLog;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code signatures/signHash} (section 11.10): many hashes under one SAD or credential-scope token,
 * checked in the order the specification lists the parameters. With {@code operationMode "A"} the
 * hashes are signed at once and the answer is a {@code responseID} for {@code signPolling}.
 */
final class SignHash {

    private final CscMethods methods;
    private final Authorizations authorizations;
    private final CscCounters counters;
    private final SigningLog log;
    private final CscProfile profile;
    private final LaterAnswers later;

    SignHash(
            CscMethods methods,
            Authorizations authorizations,
            CscCounters counters,
            SigningLog log,
            CscProfile profile,
            LaterAnswers later) {
        this.later = later;
        this.log = log;
        this.profile = profile;
        this.methods = methods;
        this.authorizations = authorizations;
        this.counters = counters;
    }

    Map<String, Object> sign(JsonNode request, AccessToken token) {
        if (profile.fullSignHashShape() && (!request.has("operationMode") || !request.has("hashAlgorithmOID"))) {
            // The EU reference RSSP reads both unconditionally and fails with a server error.
            throw CscError.of(500, "server_error", "Internal Server Error");
        }
        // A credential-scope token replaces the SAD (section 8.4); a SAD may still be sent.
        JsonNode sadNode = request.get("SAD");
        if (token.scope() != Scope.CREDENTIAL && (sadNode == null || !sadNode.isString())) {
            throw CscError.missing("string", "SAD");
        }
        Credential credential = methods.requireCredential(request);
        CscMethods.requireEnabled(credential);
        Grant grant;
        if (sadNode != null && sadNode.isString()) {
            grant = authorizations.sad(sadNode.stringValue(), credential.id());
        } else if (token.grant().credentialId.equals(credential.id())) {
            grant = token.grant();
        } else {
            throw CscError.invalid("credentialID");
        }
        if (profile.singleUseTokens()) {
            // LVRTC: the first signHash spends the token, whatever its outcome (GOCSC-LV CHANGELOG).
            authorizations.useOnce(grant);
        }
        List<byte[]> hashes = hashes(request);
        String signAlgoOid = CscMethods.text(request, "signAlgo", null);
        if (signAlgoOid == null) {
            throw CscError.missing("string", "signAlgo");
        }
        Sign signAlgo = credential.signAlgo(signAlgoOid).orElseThrow(() -> CscError.invalid("signAlgo"));
        Credential.Pss pss = null;
        if (signAlgo.pss()) {
            String params = CscMethods.text(request, "signAlgoParams", null);
            if (params == null) {
                throw CscError.missing("string", "signAlgoParams");
            }
            pss = PssParams.parse(params);
        }
        HashAlgorithm digest = digestOf(request, signAlgo, pss);
        requireLength(hashes, digest);
        String operationMode = CscMethods.text(request, "operationMode", "S");
        if (!"S".equals(operationMode) && !"A".equals(operationMode)) {
            throw CscError.invalid("operationMode");
        }
        if ("A".equals(operationMode) && profile == CscProfile.EUDI_REFERENCE) {
            // EUDI-QTSP's SignaturesController: asynchronous signing is not implemented (csc-api-v2.md 10.3).
            throw CscError.of(501, "not_implemented", "Asynchronous operation mode is not implemented");
        }
        authorizations.spend(grant, hashes, digest.oid());
        List<String> signatures = new ArrayList<>(hashes.size());
        for (byte[] hash : hashes) {
            signatures.add(Base64.getEncoder().encodeToString(credential.sign(signAlgo, digest, pss, hash)));
            log.signed(SigningLog.CSC, hash);
        }
        counters.signed(credential.id(), hashes.size());
        if ("A".equals(operationMode)) {
            return Map.of("responseID", later.acceptSignatures(signatures));
        }
        return Map.of("signatures", signatures);
    }

    /** The digest algorithm: implied by the signature algorithm or its PSS parameters, or named by hashAlgorithmOID. */
    private static HashAlgorithm digestOf(JsonNode request, Sign signAlgo, Credential.Pss pss) {
        // v1.0.4 clients call it hashAlgo; accepted so that such a client fails on its own merits.
        String named = CscMethods.text(request, "hashAlgorithmOID", CscMethods.text(request, "hashAlgo", null));
        HashAlgorithm implied = pss != null ? pss.hash() : signAlgo.digest().orElse(null);
        if (implied != null) {
            if (named != null && !named.equals(implied.oid())) {
                throw CscError.invalid("hashAlgorithmOID");
            }
            return implied;
        }
        if (named == null) {
            throw CscError.missing("string", "hashAlgorithmOID");
        }
        return SignAlgorithms.digest(named).orElseThrow(() -> CscError.invalid("hashAlgorithmOID"));
    }

    static void requireLength(List<byte[]> hashes, HashAlgorithm digest) {
        for (byte[] hash : hashes) {
            if (hash.length != digest.length()) {
                throw CscError.invalidRequest("Invalid digest value length");
            }
        }
    }

    static List<byte[]> hashes(JsonNode request) {
        JsonNode node = request.get("hashes");
        if (node == null || !node.isArray()) {
            throw CscError.missing("array", "hashes");
        }
        if (node.isEmpty()) {
            throw CscError.invalidRequest("Empty hash array");
        }
        List<byte[]> hashes = new ArrayList<>(node.size());
        for (JsonNode hash : node.values()) {
            if (!hash.isString()) {
                throw CscError.invalidRequest("Invalid Base64 hash string parameter");
            }
            try {
                hashes.add(Base64.getDecoder().decode(hash.stringValue()));
            } catch (IllegalArgumentException e) {
                throw CscError.invalidRequest("Invalid Base64 hash string parameter");
            }
        }
        return hashes;
    }
}
