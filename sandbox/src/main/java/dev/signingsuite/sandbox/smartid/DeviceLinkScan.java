package dev.signingsuite.sandbox.smartid;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the phone checks when a device link is scanned or tapped (reference §8, §15.5): the base,
 * the parameters in the normative order with their values, the authCode recomputed with the
 * session's secret, and for QR links the freshness of {@code elapsedSeconds}.
 *
 * @param link the device link as scanned, authCode included
 * @param unprotected the link without {@code &authCode=…}
 * @param deviceLinkType QR, Web2App or App2App
 * @param elapsedSeconds the QR link's age as the RP wrote it, null for same-device links
 * @param sessionToken names the session
 * @param sessionType auth, sign or cert
 * @param authCode as scanned
 */
record DeviceLinkScan(
        String link,
        String unprotected,
        String deviceLinkType,
        Long elapsedSeconds,
        String sessionToken,
        String sessionType,
        String authCode) {

    /** How a scan ends: the phone proceeds, ignores a stale QR code, or fails the session. */
    enum Verdict {
        ACCEPTED,
        STALE,
        PROTOCOL_FAILURE
    }

    /** The verdict and, when not accepted, why. */
    record Outcome(Verdict verdict, String reason) {}

    private static final Pattern TOKEN = Pattern.compile("^[a-zA-Z0-9]{24,}$");
    private static final Pattern LANG = Pattern.compile("^[a-z]{3}$");
    private static final Pattern AUTH_CODE = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    /**
     * Reads a link of {@code deviceLinkBase}; null when it is not one at all (another base, no
     * authCode, no session token): the phone cannot tell which session it belongs to.
     */
    static DeviceLinkScan parse(String link, String deviceLinkBase) {
        if (link == null || !link.startsWith(deviceLinkBase + "?")) {
            return null;
        }
        int auth = link.lastIndexOf("&authCode=");
        if (auth < 0) {
            return null;
        }
        String unprotected = link.substring(0, auth);
        String authCode = link.substring(auth + "&authCode=".length());
        List<String[]> parameters = new ArrayList<>();
        for (String pair : unprotected.substring(deviceLinkBase.length() + 1).split("&", -1)) {
            int eq = pair.indexOf('=');
            parameters.add(
                    eq < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
        }
        String token = value(parameters, "sessionToken");
        if (token == null) {
            return null;
        }
        String type = value(parameters, "deviceLinkType");
        Long elapsed = null;
        String elapsedText = value(parameters, "elapsedSeconds");
        if (elapsedText != null) {
            try {
                elapsed = Long.parseLong(elapsedText);
            } catch (NumberFormatException e) {
                elapsed = -1L;
            }
        }
        return new DeviceLinkScan(link, unprotected, type, elapsed, token, value(parameters, "sessionType"), authCode);
    }

    /**
     * Checks this scan against the session it names.
     *
     * @param flowType what the scan call says the person did (QR, Web2App, App2App)
     * @param expectedSessionType sign for signature sessions, cert for certificate choice
     * @param payloadParts scheme, protocol, digest or "", Base64(relyingPartyName), brokered name or
     *     "", interactions or "": the authCode payload before callback and link
     * @param callbackUrl the session's initialCallbackUrl, or null
     */
    Outcome check(
            String deviceLinkBase,
            String flowType,
            String expectedSessionType,
            List<String> payloadParts,
            String callbackUrl,
            String sessionSecret,
            Instant sessionCreatedAt,
            Instant now,
            Duration qrTolerance) {
        String order = orderProblem(deviceLinkBase);
        if (order != null) {
            return failure(order);
        }
        if (!deviceLinkType.equals(flowType)) {
            return failure("the link's deviceLinkType " + deviceLinkType + " is not the flow " + flowType);
        }
        if (!expectedSessionType.equals(sessionType)) {
            return failure("sessionType " + sessionType + " does not match the session (" + expectedSessionType + ")");
        }
        boolean qr = "QR".equals(deviceLinkType);
        if (!qr && (callbackUrl == null || callbackUrl.isEmpty())) {
            return failure(deviceLinkType + " link for a session without initialCallbackUrl");
        }
        if (!AUTH_CODE.matcher(authCode).matches()) {
            return failure("authCode is not 43 Base64URL characters");
        }
        List<String> payload = new ArrayList<>(payloadParts);
        payload.add(qr ? "" : callbackUrl);
        payload.add(unprotected);
        // Compared as text: a decoder ignores the last character's unused bits, the app does not.
        byte[] expected = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmac(sessionSecret, String.join("|", payload)))
                .getBytes(UTF_8);
        if (!MessageDigest.isEqual(expected, authCode.getBytes(UTF_8))) {
            return failure("authCode does not match");
        }
        if (qr) {
            long age = Duration.between(sessionCreatedAt, now).toSeconds();
            if (Math.abs(age - elapsedSeconds) > qrTolerance.toSeconds()) {
                return new Outcome(
                        Verdict.STALE, "elapsedSeconds " + elapsedSeconds + " but the session is " + age + " s old");
            }
        }
        return new Outcome(Verdict.ACCEPTED, null);
    }

    // deviceLinkType, elapsedSeconds (QR only), sessionToken, sessionType, version=1.0, lang: in this order.
    private String orderProblem(String deviceLinkBase) {
        if (unprotected.contains("%") || unprotected.contains("#") || unprotected.contains("+")) {
            return "the link must not be URL-encoded";
        }
        boolean qr = "QR".equals(deviceLinkType);
        if (!"QR".equals(deviceLinkType) && !"Web2App".equals(deviceLinkType) && !"App2App".equals(deviceLinkType)) {
            return "unknown deviceLinkType " + deviceLinkType;
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String pair : unprotected.substring(deviceLinkBase.length() + 1).split("&", -1)) {
            int eq = pair.indexOf('=');
            names.add(eq < 0 ? pair : pair.substring(0, eq));
            values.add(eq < 0 ? null : pair.substring(eq + 1));
        }
        List<String> expected = qr
                ? List.of("deviceLinkType", "elapsedSeconds", "sessionToken", "sessionType", "version", "lang")
                : List.of("deviceLinkType", "sessionToken", "sessionType", "version", "lang");
        if (!names.equals(expected)) {
            return "parameters " + names + " are not " + expected;
        }
        if (qr && (elapsedSeconds == null || elapsedSeconds < 0)) {
            return "elapsedSeconds is not a whole number of seconds";
        }
        if (!TOKEN.matcher(sessionToken).matches()) {
            return "invalid sessionToken";
        }
        if (!"1.0".equals(values.get(names.indexOf("version")))) {
            return "version must be 1.0";
        }
        String lang = values.get(names.indexOf("lang"));
        if (lang == null || !LANG.matcher(lang).matches()) {
            return "lang must be three lower-case letters";
        }
        return null;
    }

    private static String value(List<String[]> parameters, String name) {
        return parameters.stream()
                .filter(p -> p[0].equals(name))
                .map(p -> p[1])
                .findFirst()
                .orElse(null);
    }

    private static Outcome failure(String reason) {
        return new Outcome(Verdict.PROTOCOL_FAILURE, reason);
    }

    static byte[] hmac(String sessionSecret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(sessionSecret), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
