package dev.signingsuite.provider.smartid.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Verification codes and the ACSP_V2 payload (reference §5.1, §6). A signature session's code is
 * random and comes from the service; an authentication session's code is derived from rpChallenge.
 */
final class VerificationCodes {

    private VerificationCodes() {}

    /** {@code format("%04d", ((h[30] & 0xff) << 8 | (h[31] & 0xff)) % 10000)} of a hash. */
    public static String fromHash(byte[] hash) {
        int value = ((hash[hash.length - 2] & 0xff) << 8 | (hash[hash.length - 1] & 0xff)) % 10000;
        return String.format("%04d", value);
    }

    /** As the Java client's {@code VerificationCodeCalculator.calculate}: the code of SHA-256(data). */
    public static String calculate(byte[] data) {
        return fromHash(DeviceLinks.sha256(data));
    }

    /** The VC of a notification authentication: SHA-256 of the decoded rpChallenge. */
    public static String forRpChallenge(String rpChallenge) {
        return calculate(Base64.getDecoder().decode(rpChallenge));
    }

    /** The ACSP_V2 signed payload (the 11 parts, Base64 values as strings). */
    public static String acspV2Payload(
            String schemeName,
            String serverRandom,
            String rpChallenge,
            String userChallenge,
            String relyingPartyName,
            String brokeredRpName,
            String interactions,
            String interactionTypeUsed,
            String initialCallbackUrl,
            String flowType) {
        Base64.Encoder b64 = Base64.getEncoder();
        return String.join(
                "|",
                schemeName,
                "ACSP_V2",
                serverRandom,
                rpChallenge,
                userChallenge,
                b64.encodeToString(relyingPartyName.getBytes(UTF_8)),
                brokeredRpName == null || brokeredRpName.isEmpty()
                        ? ""
                        : b64.encodeToString(brokeredRpName.getBytes(UTF_8)),
                b64.encodeToString(DeviceLinks.sha256(interactions.getBytes(UTF_8))),
                interactionTypeUsed,
                "QR".equals(flowType) || "Notification".equals(flowType) || initialCallbackUrl == null
                        ? ""
                        : initialCallbackUrl,
                flowType);
    }

    static byte[] sha512(String text) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(text.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
