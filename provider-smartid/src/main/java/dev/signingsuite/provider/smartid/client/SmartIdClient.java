package dev.signingsuite.provider.smartid.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signing endpoints of the Smart-ID RP API v3 (reference §3). Requests are validated before they
 * leave; answers are read tolerantly. Session creation is synchronous (one short call); the status
 * long poll is asynchronous, so thousands of sessions wait without a thread each.
 */
public final class SmartIdClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VC = Pattern.compile("^[0-9]{4}$");
    private static final Pattern TOKEN = Pattern.compile("^[a-zA-Z0-9]{24,}$");
    private static final Pattern ETSI = Pattern.compile("^(PAS|IDC|PNO)[A-Z]{2}-[^/?#]+$");
    private static final Pattern DOCUMENT = Pattern.compile("^[A-Za-z0-9-]+$");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** The certificate of a document number, or DOCUMENT_UNUSABLE. */
    public record CertificateAnswer(String state, X509Certificate certificate, String certificateLevel) {}

    /** A notification signature session: show {@code verificationCode} to the person. */
    public record NotificationSession(String sessionId, String verificationCode) {}

    /** A device-link session: the secret stays in the backend, the link is built per display. */
    public record DeviceLinkSession(String sessionId, String sessionToken, String sessionSecret, URI deviceLinkBase) {
        @Override
        public String toString() {
            return "DeviceLinkSession[" + sessionId + ", sessionSecret=****]";
        }
    }

    private final HttpClient http;
    private final SmartIdProperties properties;
    private final String interactions;

    public SmartIdClient(HttpClient http, SmartIdProperties properties) {
        this.http = http;
        this.properties = properties;
        if (properties.relyingPartyName().getBytes(UTF_8).length > 32) {
            throw new IllegalArgumentException("relyingPartyName is longer than 32 bytes UTF-8");
        }
        this.interactions = Interactions.displayTextAndPin(properties.displayText());
    }

    /** The interactions string sent with every signature, exactly as sent. */
    public String interactions() {
        return interactions;
    }

    /** {@code POST signature/certificate/{document-number}}: no person involved. */
    public CertificateAnswer certificate(String documentNumber) {
        requireDocumentNumber(documentNumber);
        JsonNode answer = post("signature/certificate/" + documentNumber, relyingParty());
        String state = SessionStatus.text(answer.path("state"));
        if ("OK".equals(state)) {
            byte[] der = SessionStatus.base64(answer.path("cert").path("value"));
            if (der == null) {
                throw new SmartIdResponseException(SmartIdResponseException.Check.PROTOCOL, "state OK without cert");
            }
            return new CertificateAnswer(
                    state,
                    certificate(der),
                    SessionStatus.text(answer.path("cert").path("certificateLevel")));
        }
        if ("DOCUMENT_UNUSABLE".equals(state)) {
            return new CertificateAnswer(state, null, null);
        }
        throw new SmartIdResponseException(
                SmartIdResponseException.Check.PROTOCOL, "unknown certificate state " + state);
    }

    /** {@code POST signature/notification/document/{document-number}}. */
    public NotificationSession notificationSignatureByDocument(
            String documentNumber, byte[] digest, HashAlgorithm hash) {
        requireDocumentNumber(documentNumber);
        return notification("signature/notification/document/" + documentNumber, digest, hash);
    }

    /** {@code POST signature/notification/etsi/{id-etsi-qcs-SemanticsId-Natural}} ("rarely used"). */
    public NotificationSession notificationSignatureByEtsiId(String etsiId, byte[] digest, HashAlgorithm hash) {
        if (etsiId == null || !ETSI.matcher(etsiId).matches()) {
            throw new IllegalArgumentException("not an ETSI semantics identifier: " + etsiId);
        }
        return notification("signature/notification/etsi/" + etsiId, digest, hash);
    }

    /** {@code POST signature/device-link/document/{document-number}}; {@code callbackUrl} null for QR only. */
    public DeviceLinkSession deviceLinkSignature(
            String documentNumber, byte[] digest, HashAlgorithm hash, String callbackUrl) {
        requireDocumentNumber(documentNumber);
        Map<String, Object> body = signatureBody(digest, hash);
        putCallback(body, callbackUrl);
        return deviceLink(post("signature/device-link/document/" + documentNumber, body));
    }

    /** {@code POST signature/certificate-choice/device-link/anonymous}: the first step of the linked flow. */
    public DeviceLinkSession anonymousCertificateChoice(String callbackUrl) {
        return anonymousCertificateChoice(callbackUrl, null);
    }

    /**
     * As {@link #anonymousCertificateChoice(String)}, with a {@code nonce} (1–30 characters): two
     * anonymous choices have identical bodies, and within 15 s the service returns the first session
     * for the second unless their nonces differ (reference §2).
     */
    public DeviceLinkSession anonymousCertificateChoice(String callbackUrl, String nonce) {
        Map<String, Object> body = relyingParty();
        putCallback(body, callbackUrl);
        if (nonce != null) {
            if (nonce.isEmpty() || nonce.length() > 30) {
                throw new IllegalArgumentException("nonce must be 1 to 30 characters");
            }
            body.put("nonce", nonce);
        }
        return deviceLink(post("signature/certificate-choice/device-link/anonymous", body));
    }

    /** {@code POST signature/notification/linked/{document-number}}: no VC is shown in the linked flow. */
    public String linkedSignature(String documentNumber, String linkedSessionId, byte[] digest, HashAlgorithm hash) {
        requireDocumentNumber(documentNumber);
        Map<String, Object> body = signatureBody(digest, hash);
        body.put("linkedSessionID", java.util.UUID.fromString(linkedSessionId).toString());
        return sessionId(post("signature/notification/linked/" + documentNumber, body));
    }

    /**
     * {@code POST authentication/notification/document/{document-number}} (re-authentication of a
     * known person): show {@link AuthenticationSession#verificationCode()} while the person confirms.
     *
     * @param interactions e.g. {@link Interactions#displayTextAndPin(String)}; kept as sent
     */
    public AuthenticationSession notificationAuthentication(String documentNumber, String interactions) {
        requireDocumentNumber(documentNumber);
        return authentication(
                "authentication/notification/document/" + documentNumber, interactions, null, documentNumber, false);
    }

    /** {@code POST authentication/notification/etsi/{id-etsi-qcs-SemanticsId-Natural}}. */
    public AuthenticationSession notificationAuthenticationByEtsiId(String etsiId, String interactions) {
        if (etsiId == null || !ETSI.matcher(etsiId).matches()) {
            throw new IllegalArgumentException("not an ETSI semantics identifier: " + etsiId);
        }
        return authentication("authentication/notification/etsi/" + etsiId, interactions, null, null, false);
    }

    /**
     * {@code POST authentication/device-link/anonymous}: the person is whoever scans (QR) or taps
     * (Web2App/App2App, with a callback) the link built from the answer; the recommended first step.
     *
     * @param callbackUrl the same-device callback with a fresh random value, or null for QR only
     */
    public AuthenticationSession deviceLinkAuthentication(String callbackUrl, String interactions) {
        return authentication("authentication/device-link/anonymous", interactions, callbackUrl, null, true);
    }

    private AuthenticationSession authentication(
            String path, String interactions, String callbackUrl, String documentNumber, boolean deviceLink) {
        Interactions.types(interactions); // refused here rather than by the service
        byte[] challenge = new byte[64];
        RANDOM.nextBytes(challenge);
        String rpChallenge = Base64.getEncoder().encodeToString(challenge);
        HashAlgorithm hash = HashAlgorithm.SHA_512;
        Map<String, Object> body = relyingParty();
        if ("QSCD".equals(body.get("certificateLevel"))) {
            body.put("certificateLevel", "QUALIFIED"); // authentication knows ADVANCED and QUALIFIED only
        }
        body.put("signatureProtocol", "ACSP_V2");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("rpChallenge", rpChallenge);
        parameters.put("signatureAlgorithm", "rsassa-pss");
        parameters.put("signatureAlgorithmParameters", Map.of("hashAlgorithm", hash.wireName()));
        body.put("signatureProtocolParameters", parameters);
        body.put("interactions", interactions);
        if (deviceLink) {
            putCallback(body, callbackUrl);
        } else {
            body.put("vcType", "numeric4");
        }
        JsonNode answer = post(path, body);
        DeviceLinkSession link = deviceLink ? deviceLink(answer) : null;
        java.util.Set<String> flows = !deviceLink
                ? java.util.Set.of("Notification")
                : callbackUrl == null ? java.util.Set.of("QR") : java.util.Set.of("QR", "Web2App", "App2App");
        return new AuthenticationSession(
                link == null ? sessionId(answer) : link.sessionId(),
                rpChallenge,
                hash,
                properties.relyingPartyName(),
                interactions,
                callbackUrl,
                documentNumber,
                flows,
                link == null ? VerificationCodes.forRpChallenge(rpChallenge) : null,
                link);
    }

    /** {@code GET session/{id}?timeoutMs=}: completes when the service answers, RUNNING or COMPLETE. */
    public CompletableFuture<SessionStatus> sessionStatus(String sessionId) {
        java.util.UUID.fromString(sessionId);
        long timeoutMs =
                Math.max(1000, Math.min(120_000, properties.pollTimeout().toMillis()));
        HttpRequest request = HttpRequest.newBuilder(
                        properties.baseUrl().resolve("session/" + sessionId + "?timeoutMs=" + timeoutMs))
                .header("Accept", "application/json")
                // The read timeout must exceed the long poll (reference §11).
                .timeout(Duration.ofMillis(timeoutMs).plusSeconds(5))
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                throw new SmartIdCallException("session", 0, cause.getClass().getSimpleName(), cause);
            }
            SessionStatus status = SessionStatus.of(read("session", response));
            if (!"RUNNING".equals(status.state()) && !"COMPLETE".equals(status.state())) {
                throw new SmartIdResponseException(
                        SmartIdResponseException.Check.PROTOCOL, "unknown session state " + status.state());
            }
            return status;
        });
    }

    private NotificationSession notification(String path, byte[] digest, HashAlgorithm hash) {
        JsonNode answer = post(path, signatureBody(digest, hash));
        String vcType = SessionStatus.text(answer.path("vc").path("type"));
        String vc = SessionStatus.text(answer.path("vc").path("value"));
        if (!"numeric4".equals(vcType) || vc == null || !VC.matcher(vc).matches()) {
            throw new SmartIdResponseException(
                    SmartIdResponseException.Check.PROTOCOL, "the verification code is not numeric4");
        }
        return new NotificationSession(sessionId(answer), vc);
    }

    private Map<String, Object> signatureBody(byte[] digest, HashAlgorithm hash) {
        if (digest == null || digest.length != hash.length()) {
            throw new IllegalArgumentException("the digest must be " + hash.length() + " bytes of " + hash.wireName());
        }
        Map<String, Object> body = relyingParty();
        body.put("signatureProtocol", "RAW_DIGEST_SIGNATURE");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("digest", Base64.getEncoder().encodeToString(digest));
        parameters.put("signatureAlgorithm", "rsassa-pss");
        parameters.put("signatureAlgorithmParameters", Map.of("hashAlgorithm", hash.wireName()));
        body.put("signatureProtocolParameters", parameters);
        body.put("interactions", interactions);
        return body;
    }

    private Map<String, Object> relyingParty() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("relyingPartyUUID", properties.relyingPartyUuid().toString());
        body.put("relyingPartyName", properties.relyingPartyName());
        body.put("certificateLevel", properties.certificateLevel());
        return body;
    }

    private static void putCallback(Map<String, Object> body, String callbackUrl) {
        if (callbackUrl != null) {
            if (callbackUrl.length() > 1800 || !callbackUrl.matches("^https://([^|#]+)$")) {
                throw new IllegalArgumentException("initialCallbackUrl must be https without | or #");
            }
            body.put("initialCallbackUrl", callbackUrl);
        }
    }

    private static DeviceLinkSession deviceLink(JsonNode answer) {
        String token = SessionStatus.text(answer.path("sessionToken"));
        String secret = SessionStatus.text(answer.path("sessionSecret"));
        String base = SessionStatus.text(answer.path("deviceLinkBase"));
        if (token == null
                || !TOKEN.matcher(token).matches()
                || secret == null
                || secret.length() < 24
                || base == null) {
            throw new SmartIdResponseException(
                    SmartIdResponseException.Check.PROTOCOL, "incomplete device-link answer");
        }
        return new DeviceLinkSession(sessionId(answer), token, secret, URI.create(base));
    }

    private static String sessionId(JsonNode answer) {
        String id = SessionStatus.text(answer.path("sessionID"));
        try {
            return java.util.UUID.fromString(id).toString();
        } catch (RuntimeException e) {
            throw new SmartIdResponseException(SmartIdResponseException.Check.PROTOCOL, "sessionID is not a UUID");
        }
    }

    private static void requireDocumentNumber(String documentNumber) {
        if (documentNumber == null || !DOCUMENT.matcher(documentNumber).matches()) {
            throw new IllegalArgumentException("not a Smart-ID document number: " + documentNumber);
        }
    }

    private JsonNode post(String path, Map<String, Object> body) {
        HttpRequest request = HttpRequest.newBuilder(properties.baseUrl().resolve(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(properties.requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        String call = path.substring(0, path.lastIndexOf('/'));
        try {
            return read(call, http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new SmartIdCallException(call, 0, e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmartIdCallException(call, 0, "interrupted", e);
        }
    }

    private static JsonNode read(String call, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new SmartIdCallException(call, response.statusCode(), problemDetail(response.body()), null);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw new SmartIdCallException(call, 200, "the answer is not a JSON object", null);
            }
            return body;
        } catch (JacksonException e) {
            throw new SmartIdCallException(call, 200, "unreadable answer", e);
        }
    }

    private static String problemDetail(byte[] body) {
        try {
            JsonNode problem = JSON.readTree(body);
            String detail = SessionStatus.text(problem.path("detail"));
            String pointer = SessionStatus.text(problem.path("errors").path(0).path("pointer"));
            return pointer == null ? detail : detail + " at " + pointer;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new SmartIdResponseException(SmartIdResponseException.Check.CERTIFICATE, "unreadable certificate");
        }
    }

    static String urlEncode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
