package dev.signingsuite.provider.csc.client;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A credential as {@code credentials/info} described it: the signing certificate, its issuers
 * (nearest first, the form {@code DssParameters.describe} takes), the signature algorithms the key
 * supports, how many signatures one authorisation may cover, how it is authorised and whether its
 * SAD is bound to the hashes (SCAL 2).
 *
 * @param keyEnabled {@code key.status} is {@code enabled}
 * @param certificateStatus {@code cert.status} ({@code valid}, {@code expired}, …), or null if the
 *     service did not say
 * @param authMode how a SAD is obtained
 * @param scal 1 (SAD for a number of signatures) or 2 (SAD bound to the exact hashes)
 * @param authObjects the factors of an explicit credential ({@code PIN}, {@code OTP}, …), by id
 */
public record CscCredential(
        String id,
        CertificateToken signingCertificate,
        List<CertificateToken> issuers,
        List<String> keyAlgorithms,
        int multisign,
        boolean keyEnabled,
        String certificateStatus,
        AuthMode authMode,
        int scal,
        List<AuthObject> authObjects) {

    public static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    public static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    public static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    public static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    public static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    public static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    public CscCredential {
        issuers = List.copyOf(issuers);
        keyAlgorithms = List.copyOf(keyAlgorithms);
        authObjects = List.copyOf(authObjects);
        if (multisign < 1) {
            throw new IllegalArgumentException("multisign must be at least 1: " + multisign);
        }
        if (scal != 1 && scal != 2) {
            throw new IllegalArgumentException("SCAL must be 1 or 2: " + scal);
        }
    }

    /** How the credential is authorised (CSC v2 {@code auth.mode}; v1's implicit kept apart). */
    public enum AuthMode {
        /** {@code credentials/authorize} with no factors (v1 implicit, v2 RSSP-managed). */
        IMPLICIT,
        /** {@code credentials/authorize} with the factors of {@link #authObjects()}. */
        EXPLICIT,
        /** An OAuth 2.0 authorisation code with {@code scope=credential}, given by a person. */
        OAUTH2CODE
    }

    /** A factor of an explicit credential: {@code type} Password, PasswordOOB, ChallengeResponse, … */
    public record AuthObject(String id, String type) {}

    /** Whether the key is an elliptic-curve key (else RSA). */
    public boolean ecKey() {
        return "EC".equals(signingCertificate.getPublicKey().getAlgorithm());
    }

    /** The factor ids the authorisation needs, e.g. {@code PIN}, {@code OTP}. */
    public List<String> factorIds() {
        return authObjects.stream().map(AuthObject::id).toList();
    }

    /**
     * How to ask for a signature over a SHA-256 digest with this key, as the key's {@code key.algo}
     * allows: ECDSA for an EC key ({@code ecdsa-with-SHA256}, or {@code ecPublicKey} with {@code
     * hashAlgorithmOID}); for RSA, RSASSA-PSS when {@code preferPss} and offered, else PKCS#1 v1.5
     * ({@code sha256WithRSAEncryption}, or {@code rsaEncryption} with {@code hashAlgorithmOID}).
     * Empty if the key offers none of them.
     */
    public Optional<HashSigning> sha256Signing(boolean preferPss) {
        if (ecKey()) {
            if (keyAlgorithms.contains(ECDSA_WITH_SHA256)) {
                return Optional.of(new HashSigning(ECDSA_WITH_SHA256, null, null, SignatureAlgorithm.ECDSA_SHA256));
            }
            if (keyAlgorithms.contains(EC_PUBLIC_KEY)) {
                return Optional.of(new HashSigning(EC_PUBLIC_KEY, SHA256, null, SignatureAlgorithm.ECDSA_SHA256));
            }
            return Optional.empty();
        }
        if (preferPss && keyAlgorithms.contains(RSASSA_PSS)) {
            return Optional.of(
                    new HashSigning(RSASSA_PSS, SHA256, PSS_SHA256_PARAMS, SignatureAlgorithm.RSA_SSA_PSS_SHA256_MGF1));
        }
        if (keyAlgorithms.contains(SHA256_WITH_RSA)) {
            return Optional.of(new HashSigning(SHA256_WITH_RSA, null, null, SignatureAlgorithm.RSA_SHA256));
        }
        if (keyAlgorithms.contains(RSA_ENCRYPTION)) {
            return Optional.of(new HashSigning(RSA_ENCRYPTION, SHA256, null, SignatureAlgorithm.RSA_SHA256));
        }
        return Optional.empty();
    }

    /** PKCS#1 v1.5 over SHA-256, as before PSS and ECDSA were known (tests, older callers). */
    public Optional<HashSigning> rsaSha256() {
        return ecKey() ? Optional.empty() : sha256Signing(false);
    }

    /**
     * @param signAlgo the {@code signAlgo} OID
     * @param hashAlgorithmOid the {@code hashAlgorithmOID}, when {@code signAlgo} does not imply it
     *     (and for RSASSA-PSS, whose parameters name it anyway)
     * @param signAlgoParams base64 DER {@code signAlgoParams} (RSASSA-PSS-params), or null
     * @param dssAlgorithm the same algorithm as DSS names it, for the signature parameters
     */
    public record HashSigning(
            String signAlgo, String hashAlgorithmOid, String signAlgoParams, SignatureAlgorithm dssAlgorithm) {

        public HashSigning(String signAlgo, String hashAlgorithmOid) {
            this(signAlgo, hashAlgorithmOid, null, SignatureAlgorithm.RSA_SHA256);
        }
    }

    /** RSASSA-PSS-params: SHA-256, MGF1 with SHA-256, 32-byte salt (DSS's RSA_SSA_PSS_SHA256_MGF1). */
    private static final String PSS_SHA256_PARAMS = pssSha256Params();

    private static String pssSha256Params() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            return Base64.getEncoder().encodeToString(parameters.getEncoded());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("every JDK encodes RSASSA-PSS parameters", e);
        }
    }
}
