package dev.signingsuite.provider.smartid.client;

import java.util.Set;

/**
 * An ACSP_V2 authentication session as it was started (reference §3 #1–#5, §5.1): everything its
 * answer is checked against. Keep it server-side: the rpChallenge must never reach the browser, and
 * the device-link secret never leaves the backend.
 *
 * @param rpChallenge the Base64 challenge sent (64 random bytes)
 * @param hash the hash of the requested RSASSA-PSS signature
 * @param relyingPartyName exactly as sent: the payload uses its bytes
 * @param interactions the {@code interactions} string exactly as sent
 * @param initialCallbackUrl the same-device callback, or null (QR only, notification)
 * @param documentNumber the document the session was started for, or null when the person is not
 *     known in advance (anonymous device link, ETSI id)
 * @param offeredFlows the flow types an answer may report
 * @param verificationCode the code to show next to a notification session (from rpChallenge); null for device links
 * @param deviceLink the device-link session (token, secret, base), or null for notification
 */
public record AuthenticationSession(
        String sessionId,
        String rpChallenge,
        HashAlgorithm hash,
        String relyingPartyName,
        String interactions,
        String initialCallbackUrl,
        String documentNumber,
        Set<String> offeredFlows,
        String verificationCode,
        SmartIdClient.DeviceLinkSession deviceLink) {

    public AuthenticationSession {
        offeredFlows = Set.copyOf(offeredFlows);
    }

    @Override
    public String toString() {
        return "AuthenticationSession[" + sessionId + ", " + offeredFlows + "]";
    }
}
