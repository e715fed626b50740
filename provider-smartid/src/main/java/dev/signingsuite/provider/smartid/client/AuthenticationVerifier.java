package dev.signingsuite.provider.smartid.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.provider.smartid.client.SmartIdResponseException.Check;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Checks an ACSP_V2 authentication answer (reference §5.1, §9, §10) against the session as it was
 * started, and says who authenticated. Everything the person's app signed is rebuilt from what this
 * side sent (rpChallenge, relying party name, interactions, callback) and what the answer says
 * (serverRandom, userChallenge, interactionTypeUsed, flowType): a change to any of them breaks the
 * signature, and each is also checked on its own so that the refusal names it.
 */
public final class AuthenticationVerifier {

    /** Smart-ID's authentication EKU (certificates from April 2025 on). */
    static final String SMART_ID_AUTHENTICATION = "1.3.6.1.4.1.62306.5.7.0";

    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private static final Pattern USER_CHALLENGE = Pattern.compile("^[a-zA-Z0-9_-]{43}$");
    private static final Pattern BASE64 = Pattern.compile("^[a-zA-Z0-9+/]{24,}={0,2}$");

    /**
     * Who authenticated.
     *
     * @param etsiId the subject serialNumber, e.g. {@code PNOEE-40504040001}
     * @param certificate the authentication certificate, checked
     */
    public record Identity(
            String documentNumber,
            String etsiId,
            String givenName,
            String surname,
            String country,
            String certificateLevel,
            X509Certificate certificate) {}

    private final ResponseVerifier verifier;
    private final String schemeName;

    /**
     * @param verifier the trust anchors and required level (the same as for signatures)
     * @param schemeName {@code smart-id} (live) or {@code smart-id-demo} (demo): part of the signed payload
     */
    public AuthenticationVerifier(ResponseVerifier verifier, String schemeName) {
        this.verifier = verifier;
        this.schemeName = schemeName;
    }

    /**
     * @param userChallengeVerifier from the callback of a Web2App/App2App flow; null for QR and
     *     notification, whose answers carry a userChallenge nobody else can check
     * @return the person, once every check passed
     * @throws SmartIdResponseException naming the check that failed
     */
    public Identity verify(SessionStatus status, AuthenticationSession session, String userChallengeVerifier) {
        ResponseVerifier.checkCompletedOk(status);
        if (!"ACSP_V2".equals(status.signatureProtocol())
                || status.signatureValue() == null
                || status.certificate() == null
                || status.documentNumber() == null) {
            throw new SmartIdResponseException(
                    Check.PROTOCOL, "signatureProtocol ACSP_V2, signature, cert or documentNumber missing");
        }
        if (session.documentNumber() != null && !session.documentNumber().equals(status.documentNumber())) {
            throw new SmartIdResponseException(
                    Check.CERTIFICATE,
                    "authenticated document " + status.documentNumber() + ", not " + session.documentNumber());
        }
        ResponseVerifier.checkFlowOffered(status.flowType(), session.offeredFlows());
        ResponseVerifier.checkInteractionUsed(status.interactionTypeUsed(), session.interactions());
        if (status.serverRandom() == null
                || !BASE64.matcher(status.serverRandom()).matches()) {
            throw new SmartIdResponseException(Check.PROTOCOL, "serverRandom missing or not Base64 of 24+ characters");
        }
        if (status.userChallenge() == null
                || !USER_CHALLENGE.matcher(status.userChallenge()).matches()) {
            throw new SmartIdResponseException(Check.PROTOCOL, "userChallenge missing or not 43 Base64URL characters");
        }
        boolean sameDevice = "Web2App".equals(status.flowType()) || "App2App".equals(status.flowType());
        if (sameDevice
                && (userChallengeVerifier == null
                        || !DeviceLinks.userChallenge(userChallengeVerifier).equals(status.userChallenge()))) {
            throw new SmartIdResponseException(
                    Check.PROTOCOL, "the callback's userChallengeVerifier does not match the userChallenge");
        }
        HashAlgorithm hash = session.hash();
        ResponseVerifier.checkPssParameters(status, hash);
        X509Certificate certificate = SmartIdClient.certificate(status.certificate());
        verifier.checkTrusted(certificate, status.certificateLevel());
        checkAuthenticationPurpose(certificate);
        ResponseVerifier.checkIdentity(certificate, status.documentNumber());
        String payload = VerificationCodes.acspV2Payload(
                schemeName,
                status.serverRandom(),
                session.rpChallenge(),
                status.userChallenge(),
                session.relyingPartyName(),
                null,
                session.interactions(),
                status.interactionTypeUsed(),
                session.initialCallbackUrl(),
                status.flowType());
        if (!verifies(certificate, hash, payload.getBytes(UTF_8), status.signatureValue())) {
            throw new SmartIdResponseException(
                    Check.SIGNATURE, "the ACSP_V2 signature does not verify against the certificate");
        }
        return identity(certificate, status);
    }

    // §10.6: digitalSignature with Smart-ID's authentication EKU, or (older certificates) clientAuth.
    private static void checkAuthenticationPurpose(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        List<String> purposes;
        try {
            purposes = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            purposes = null;
        }
        boolean digitalSignature = keyUsage != null && keyUsage.length > 0 && keyUsage[0];
        if (!digitalSignature
                || purposes == null
                || !(purposes.contains(SMART_ID_AUTHENTICATION) || purposes.contains(CLIENT_AUTH))
                || certificate.getBasicConstraints() >= 0) {
            throw new SmartIdResponseException(
                    Check.CERTIFICATE, "not an authentication certificate (digitalSignature and Smart-ID EKU)");
        }
    }

    private static boolean verifies(X509Certificate certificate, HashAlgorithm hash, byte[] payload, byte[] value) {
        try {
            Signature pss = Signature.getInstance("RSASSA-PSS");
            pss.setParameter(new PSSParameterSpec(
                    hash.wireName(), "MGF1", new MGF1ParameterSpec(hash.wireName()), hash.length(), 1));
            pss.initVerify(certificate.getPublicKey());
            pss.update(payload);
            return pss.verify(value);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Identity identity(X509Certificate certificate, SessionStatus status) {
        Map<String, String> names = Map.of("2.5.4.5", "SERIAL", "2.5.4.42", "GIVEN", "2.5.4.4", "SUR");
        String rfc2253 = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, names);
        return new Identity(
                status.documentNumber(),
                ResponseVerifier.serialNumber(certificate),
                attribute(rfc2253, "GIVEN"),
                attribute(rfc2253, "SUR"),
                attribute(rfc2253, "C"),
                status.certificateLevel(),
                certificate);
    }

    private static String attribute(String rfc2253, String type) {
        for (String rdn : rfc2253.split("(?<!\\\\),")) {
            if (rdn.startsWith(type + "=")) {
                return rdn.substring(type.length() + 1).replace("\\,", ",");
            }
        }
        return null;
    }
}
