package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.csc.Authorizations.Grant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A credential authorisation asked for as a Rich Authorization Request (RFC 9396; CSC API v2
 * section 8.4.2, csc-api-v2.md 5.2): {@code authorization_details=[{"type":"credential",
 * "credentialID", "documentDigests":[{"hash","label"}], "hashAlgorithmOID", "numSignatures"}]}, an
 * alternative to {@code scope=credential} with query parameters. The hashes are standard Base64, as
 * in the specification's sample. The token request must repeat it (section 8.4.4); under {@code
 * lvrtc} the token answer tells what the token is bound to in LVRTC's {@code digest_signing} shape
 * (eparaksts.md section 12).
 */
final class RichAuthorization {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** CSC 2.0.0.2's type; 2.2 (EUDI-KT) names it by URI. */
    private static final List<String> TYPES =
            List.of("credential", "https://cloudsignatureconsortium.org/2025/credential");

    private RichAuthorization() {}

    /** The grant a code for these details carries; faults as {@code invalid_authorization_details} (LVRTC's code). */
    static Grant grant(String details, Map<String, Credential> credentials, Instant sadExpiry) {
        JsonNode detail = single(details);
        String credentialId = text(detail, "credentialID");
        Credential credential = credentials.get(credentialId);
        if (credential == null) {
            throw invalid("unknown credentialID");
        }
        CscMethods.requireEnabled(credential);
        String hashAlgorithmOid = text(detail, "hashAlgorithmOID");
        SignAlgorithms.HashAlgorithm digest =
                SignAlgorithms.digest(hashAlgorithmOid).orElseThrow(() -> invalid("unknown hashAlgorithmOID"));
        JsonNode digests = detail.get("documentDigests");
        if (digests == null || !digests.isArray() || digests.isEmpty()) {
            throw invalid("documentDigests must be a non-empty array");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode entry : digests.values()) {
            JsonNode hash = entry.get("hash");
            if (hash == null || !hash.isString()) {
                throw invalid("each documentDigests entry needs a hash");
            }
            byte[] value;
            try {
                value = Base64.getDecoder().decode(hash.stringValue());
            } catch (IllegalArgumentException e) {
                throw invalid("a documentDigests hash is not standard Base64");
            }
            if (value.length != digest.length()) {
                throw invalid("a documentDigests hash does not have the length of hashAlgorithmOID");
            }
            hashes.add(value);
        }
        JsonNode num = detail.get("numSignatures");
        int numSignatures = num == null ? hashes.size() : num.asInt();
        if (numSignatures != hashes.size()) {
            throw invalid("numSignatures must equal the number of documentDigests");
        }
        if (numSignatures > credential.multisign()) {
            throw invalid("Numbers of signatures is too high");
        }
        return new Grant(credentialId, numSignatures, credential.scal2() ? hashes : null, hashAlgorithmOid, sadExpiry);
    }

    /** Whether the token request repeats the authorisation's details (as JSON, not byte for byte). */
    static boolean repeated(String asked, String repeated) {
        if (repeated == null) {
            return false;
        }
        try {
            return JSON.readTree(asked).equals(JSON.readTree(repeated));
        } catch (JacksonException e) {
            return false;
        }
    }

    /** LVRTC's account of a signing token bound to hashes (eparaksts.md section 12, measured). */
    static List<Map<String, Object>> digestSigning(Grant grant) {
        String algorithm = switch (grant.hashAlgorithmOid) {
            case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
            default -> grant.hashAlgorithmOid;
        };
        List<Map<String, Object>> digests = new ArrayList<>();
        grant.hashes.forEach((hash, times) -> {
            for (int i = 0; i < times; i++) {
                digests.add(Map.of("value", hash, "algorithm", algorithm));
            }
        });
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "digest_signing");
        entry.put("digests", digests);
        entry.put("sign_identity_id", grant.credentialId);
        entry.put("num_signatures", digests.size());
        return List.of(entry);
    }

    private static JsonNode single(String details) {
        JsonNode all;
        try {
            all = JSON.readTree(details);
        } catch (JacksonException e) {
            throw invalid("authorization_details is not JSON");
        }
        if (all == null || !all.isArray() || all.size() != 1) {
            throw invalid("authorization_details must hold exactly one entry");
        }
        JsonNode detail = all.get(0);
        JsonNode type = detail.get("type");
        if (type == null || !TYPES.contains(type.asString())) {
            throw invalid("type must be credential");
        }
        return detail;
    }

    private static String text(JsonNode detail, String field) {
        JsonNode value = detail.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw invalid("missing " + field);
        }
        return value.stringValue();
    }

    private static CscError invalid(String why) {
        return CscError.of(400, "invalid_authorization_details", why);
    }
}
