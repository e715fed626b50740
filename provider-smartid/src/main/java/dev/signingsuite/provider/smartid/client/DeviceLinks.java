package dev.signingsuite.provider.smartid.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device links and their authCode (reference §8), and the callback values of same-device flows
 * (§9). Everything is built in the backend; the session secret never leaves it.
 */
public final class DeviceLinks {

    /** What a link opens. */
    public enum SessionType {
        AUTH("auth", "ACSP_V2"),
        SIGN("sign", "RAW_DIGEST_SIGNATURE"),
        CERT("cert", "");

        private final String wire;
        private final String protocol;

        SessionType(String wire, String protocol) {
            this.wire = wire;
            this.protocol = protocol;
        }
    }

    private DeviceLinks() {}

    /**
     * The link without authCode, parameters in the normative order, nothing URL-encoded.
     *
     * @param elapsedSeconds whole seconds since the session was created; only for QR (null otherwise)
     */
    public static String unprotectedLink(
            URI deviceLinkBase,
            String deviceLinkType,
            Long elapsedSeconds,
            String sessionToken,
            SessionType sessionType,
            String lang) {
        boolean qr = "QR".equals(deviceLinkType);
        if (qr != (elapsedSeconds != null)) {
            throw new IllegalArgumentException("elapsedSeconds is required for QR links and only for them");
        }
        return deviceLinkBase + "?deviceLinkType=" + deviceLinkType
                + (qr ? "&elapsedSeconds=" + elapsedSeconds : "")
                + "&sessionToken=" + sessionToken
                + "&sessionType=" + sessionType.wire
                + "&version=1.0"
                + "&lang=" + lang;
    }

    /**
     * The full link: {@code unprotected + "&authCode=" + authCode}.
     *
     * @param challengeOrDigest rpChallenge (auth) or digest (sign) as sent, null for cert
     * @param interactions as sent, null for cert
     * @param initialCallbackUrl the session's callback; ignored for QR links
     */
    public static String link(
            String unprotected,
            String deviceLinkType,
            SessionType sessionType,
            String schemeName,
            String challengeOrDigest,
            String relyingPartyName,
            String brokeredRpName,
            String interactions,
            String initialCallbackUrl,
            String sessionSecret) {
        boolean qr = "QR".equals(deviceLinkType);
        if (!qr && (initialCallbackUrl == null || initialCallbackUrl.isEmpty())) {
            throw new IllegalArgumentException(deviceLinkType + " links need the session's initialCallbackUrl");
        }
        String payload = String.join(
                "|",
                schemeName,
                sessionType.protocol,
                nullToEmpty(challengeOrDigest),
                base64(relyingPartyName),
                brokeredRpName == null || brokeredRpName.isEmpty() ? "" : base64(brokeredRpName),
                nullToEmpty(interactions),
                qr ? "" : initialCallbackUrl,
                unprotected);
        return unprotected + "&authCode=" + authCode(sessionSecret, payload);
    }

    /** BASE64URL_NOPAD(HMAC-SHA256(BASE64-DECODE(sessionSecret), UTF8(payload))). */
    public static String authCode(String sessionSecret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(sessionSecret), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** The callback's {@code sessionSecretDigest}: BASE64URL(SHA-256(BASE64-DECODE(sessionSecret))). */
    public static String sessionSecretDigest(String sessionSecret) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sha256(Base64.getDecoder().decode(sessionSecret)));
    }

    /** {@code userChallenge} = BASE64URL(SHA-256(UTF8(userChallengeVerifier))), the verifier not decoded. */
    public static String userChallenge(String userChallengeVerifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(userChallengeVerifier.getBytes(UTF_8)));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
