package dev.signingsuite.sandbox.csc;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The CSC API v2 methods the simulator implements, on parsed JSON: field names, defaults, checks
 * and error descriptions as in the specification (sections 11.1, 11.4 to 11.6, 11.10). Parameters
 * are checked in the order the specification lists them, so the first fault is the one reported.
 */
final class CscMethods {

    static final List<String> IMPLEMENTED = List.of(
            "oauth2/token", "credentials/list", "credentials/info", "credentials/authorize", "signatures/signHash");

    private final CscSettings settings;
    private final SealCredential credential;
    private final Authorizations authorizations;
    private final URI baseUrl;

    CscMethods(CscSettings settings, SealCredential credential, Authorizations authorizations, URI baseUrl) {
        this.settings = settings;
        this.credential = credential;
        this.authorizations = authorizations;
        this.baseUrl = baseUrl;
    }

    Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("specs", "2.0.0.2");
        info.put("name", "Signing Suite CSC Sandbox");
        info.put("logo", baseUrl + "/logo.png");
        info.put("region", "LV");
        info.put("lang", "en-US");
        info.put("description", "Local CSC v2 simulator with test keys; not a trust service");
        info.put("authType", List.of("oauth2client"));
        info.put("oauth2", baseUrl.toString());
        List<String> methods = new ArrayList<>(List.of("info"));
        methods.addAll(IMPLEMENTED);
        info.put("methods", methods);
        info.put(
                "signAlgorithms",
                Map.of(
                        "algos",
                        HashAlgorithms.RSA.stream()
                                .map(HashAlgorithms.Sign::oid)
                                .toList()));
        info.put("signature_formats", Map.of("formats", List.of(), "envelope_properties", List.of()));
        info.put("conformance_levels", List.of());
        return info;
    }

    /** {@code client_credentials} only: service authorisation for the one configured client. */
    Map<String, Object> token(Map<String, String> form, ClientAuthentication basic) {
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw CscError.invalidRequest("Missing parameter grant_type");
        }
        if (!"client_credentials".equals(grantType)) {
            throw CscError.invalid("grant_type");
        }
        String clientId = basic != null ? basic.clientId() : form.get("client_id");
        String clientSecret = basic != null ? basic.clientSecret() : form.get("client_secret");
        if (clientId == null) {
            throw CscError.invalidRequest("Missing parameter client_id");
        }
        if (!settings.clientId().equals(clientId)) {
            throw CscError.invalid("client_id");
        }
        if (clientSecret == null) {
            throw CscError.invalidRequest("Client authorization required");
        }
        if (!settings.clientSecret().equals(clientSecret)) {
            throw CscError.invalid("client_secret");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", authorizations.issueToken(settings.tokenLifetime()));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", settings.tokenLifetime().toSeconds());
        return answer;
    }

    Map<String, Object> credentialsList(JsonNode request) {
        if (request.hasNonNull("userID")) {
            throw CscError.invalidRequest("userID parameter MUST be null");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("credentialIDs", List.of(credential.id()));
        if (flag(request, "credentialInfo")) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("credentialID", credential.id());
            info.putAll(credential.info(
                    text(request, "certificates", "single"), flag(request, "certInfo"), flag(request, "authInfo")));
            answer.put("credentialInfos", List.of(info));
        }
        return answer;
    }

    Map<String, Object> credentialsInfo(JsonNode request) {
        requireCredential(request);
        return credential.info(
                text(request, "certificates", "single"), flag(request, "certInfo"), flag(request, "authInfo"));
    }

    /** RSSP-managed authorisation: no authentication objects, so {@code authData} may be empty. */
    Map<String, Object> credentialsAuthorize(JsonNode request) {
        requireCredential(request);
        JsonNode num = request.get("numSignatures");
        if (num == null || !num.isIntegralNumber() || !num.canConvertToInt()) {
            throw CscError.missing("integer", "numSignatures");
        }
        int numSignatures = num.intValue();
        if (numSignatures < 1) {
            throw CscError.invalidRequest("Invalid value for parameter numSignatures");
        }
        if (numSignatures > credential.multisign()) {
            throw CscError.invalidRequest("Numbers of signatures is too high");
        }
        // SCAL 1: hashes are optional and do not bind the SAD; when sent they must be well formed.
        if (request.has("hashes")) {
            hashes(request);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("SAD", authorizations.issueSad(credential.id(), numSignatures, settings.sadLifetime()));
        answer.put("expiresIn", settings.sadLifetime().toSeconds());
        return answer;
    }

    Map<String, Object> signHash(JsonNode request) {
        JsonNode sadNode = request.get("SAD");
        if (sadNode == null || !sadNode.isString()) {
            throw CscError.missing("string", "SAD");
        }
        requireCredential(request);
        List<byte[]> hashes = hashes(request);
        String signAlgoOid = text(request, "signAlgo", null);
        if (signAlgoOid == null) {
            throw CscError.missing("string", "signAlgo");
        }
        HashAlgorithms.Sign signAlgo = HashAlgorithms.rsa(signAlgoOid).orElseThrow(() -> CscError.invalid("signAlgo"));
        HashAlgorithms.Digest digest = digestOf(request, signAlgo);
        for (byte[] hash : hashes) {
            if (hash.length != digest.length()) {
                throw CscError.invalidRequest("Invalid digest value length");
            }
        }
        String operationMode = text(request, "operationMode", "S");
        if (!"S".equals(operationMode)) {
            throw CscError.invalid("operationMode");
        }
        authorizations.spend(sadNode.stringValue(), credential.id(), hashes.size());
        List<String> signatures = new ArrayList<>(hashes.size());
        for (byte[] hash : hashes) {
            signatures.add(Base64.getEncoder().encodeToString(credential.sign(digest, hash)));
        }
        return Map.of("signatures", signatures);
    }

    /** The digest algorithm: implied by the signature algorithm, or named by hashAlgorithmOID. */
    private static HashAlgorithms.Digest digestOf(JsonNode request, HashAlgorithms.Sign signAlgo) {
        // v1.0.4 clients call it hashAlgo; accepted so that such a client fails on its own merits.
        String named = text(request, "hashAlgorithmOID", text(request, "hashAlgo", null));
        if (signAlgo.digest().isPresent()) {
            HashAlgorithms.Digest implied = signAlgo.digest().get();
            if (named != null && !named.equals(implied.oid())) {
                throw CscError.invalid("hashAlgorithmOID");
            }
            return implied;
        }
        if (named == null) {
            throw CscError.missing("string", "hashAlgorithmOID");
        }
        return HashAlgorithms.digest(named).orElseThrow(() -> CscError.invalid("hashAlgorithmOID"));
    }

    private void requireCredential(JsonNode request) {
        String id = text(request, "credentialID", null);
        if (id == null) {
            throw CscError.missing("string", "credentialID");
        }
        if (!credential.id().equals(id)) {
            throw CscError.invalid("credentialID");
        }
    }

    private static List<byte[]> hashes(JsonNode request) {
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

    private static String text(JsonNode request, String field, String fallback) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isString()) {
            throw CscError.missing("string", field);
        }
        return node.stringValue();
    }

    private static boolean flag(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw CscError.invalid(field);
        }
        return node.booleanValue();
    }

    /** Client credentials from an HTTP Basic header. */
    record ClientAuthentication(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "ClientAuthentication[" + clientId + "]";
        }
    }
}
