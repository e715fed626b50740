package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.csc.Authorizations.Grant;
import dev.signingsuite.sandbox.csc.SignAlgorithms.HashAlgorithm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code oauth2/authorize} with {@code scope=credential}: credentialID, numSignatures and, for SCAL 2,
 * hashes + hashAlgorithmOID (section 8.4.2). A fault is thrown as a {@link CscError} that the
 * authorisation server sends back on the redirect.
 */
final class CredentialScope {

    private CredentialScope() {}

    /** The grant an authorization code for {@code scope=credential} carries, from the authorize query. */
    static Grant grant(
            Map<String, String> query, Map<String, Credential> credentials, Instant sadExpiry, CscProfile profile) {
        String credentialId = query.get("credentialID");
        if (credentialId == null) {
            throw CscError.invalidRequest("Missing parameter credentialID");
        }
        Credential credential = credentials.get(credentialId);
        if (credential == null) {
            throw CscError.invalid("credentialID");
        }
        CscMethods.requireEnabled(credential);
        String num = query.get("numSignatures");
        if (num == null) {
            throw CscError.invalidRequest("Missing parameter numSignatures");
        }
        int numSignatures;
        try {
            numSignatures = Integer.parseInt(num);
        } catch (NumberFormatException e) {
            throw CscError.invalid("numSignatures");
        }
        if (numSignatures < 1) {
            throw CscError.invalidRequest("Invalid value for parameter numSignatures");
        }
        if (numSignatures > credential.multisign()) {
            throw CscError.invalidRequest("Numbers of signatures is too high");
        }
        String hashAlgorithmOid = query.get("hashAlgorithmOID");
        List<byte[]> hashes = null;
        if (query.get("hashes") != null) {
            if (hashAlgorithmOid == null) {
                throw CscError.invalidRequest("Missing parameter hashAlgorithmOID");
            }
            HashAlgorithm digest =
                    SignAlgorithms.digest(hashAlgorithmOid).orElseThrow(() -> CscError.invalid("hashAlgorithmOID"));
            hashes = new ArrayList<>();
            for (String value : query.get("hashes").split(",")) {
                byte[] hash = profile.standardBase64Hashes() ? decodeStandard(value) : decodeEither(value);
                if (hash.length != digest.length()) {
                    throw CscError.invalidRequest("Invalid digest value length");
                }
                hashes.add(hash);
            }
        }
        if (credential.scal2()) {
            if (hashes == null) {
                throw CscError.invalidRequest("Missing parameter hashes: the credential is SCAL 2");
            }
            if (hashes.size() != numSignatures) {
                throw CscError.invalidRequest("Invalid value for parameter numSignatures");
            }
        }
        return new Grant(credentialId, numSignatures, credential.scal2() ? hashes : null, hashAlgorithmOid, sadExpiry);
    }

    /**
     * LVRTC's CSC layer refuses base64url hashes before the person sees a login (measured, GOCSC-LV;
     * csc-api-v2.md section 13.1): standard Base64 only, padded.
     */
    private static byte[] decodeStandard(String raw) {
        String value = raw.trim().replace(' ', '+');
        if (value.length() % 4 != 0 || value.indexOf('-') >= 0 || value.indexOf('_') >= 0) {
            throw CscError.invalidRequest("Invalid Base64 hash string parameter: standard Base64 required");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw CscError.invalidRequest("Invalid Base64 hash string parameter");
        }
    }

    // The query parameter is base64url by the specification; some providers send standard Base64.
    private static byte[] decodeEither(String raw) {
        // An unencoded '+' of standard Base64 arrives as a space after form decoding.
        String value = raw.trim().replace(' ', '+');
        try {
            return value.indexOf('+') >= 0 || value.indexOf('/') >= 0
                    ? Base64.getDecoder().decode(value)
                    : Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw CscError.invalidRequest("Invalid Base64 hash string parameter");
        }
    }
}
