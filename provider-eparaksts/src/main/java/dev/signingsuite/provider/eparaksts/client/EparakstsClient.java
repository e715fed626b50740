package dev.signingsuite.provider.eparaksts.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.messaging.SigningMeters;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The eParaksts platform calls of eZīmogs+ cloud sealing: the authorize URL and the code exchange
 * (HTTP Basic with the url-encoded API key), {@code users/me} and {@code sign_identities/{id}} for
 * the seals, {@code signatures/server/raw} and {@code /raw/batch}. Stateless: tokens are passed in.
 */
public final class EparakstsClient {

    private static final Logger log = LoggerFactory.getLogger(EparakstsClient.class);

    public static final String SCOPE_PROFILE = "urn:safelayer:eidas:sign:identity:profile";
    public static final String SCOPE_USE_SERVER = "urn:safelayer:eidas:sign:identity:use:server";
    static final String ACR_MOBILEID = "urn:eparaksts:authentication:flow:mobileid";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final EparakstsProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public EparakstsClient(HttpClient http, EparakstsProperties properties, Clock clock, MeterRegistry meters) {
        this.http = http;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** A user token: never logged. */
    public record UserToken(String value, Instant expiresAt, String scope) {
        @Override
        public String toString() {
            return "UserToken[expiresAt=" + expiresAt + ", scope=" + scope + "]";
        }
    }

    /** Where the person's browser goes to log in: the profile scope lists their seals (spec section 11.4 step 1). */
    public URI authorizeUrl(String state) {
        return URI.create(properties.authorizeUrl() + "?response_type=code&client_id=" + enc(properties.clientId())
                + "&redirect_uri=" + enc(properties.redirectUri().toString()) + "&scope=" + enc(SCOPE_PROFILE)
                + "&acr_values=" + enc(ACR_MOBILEID) + "&state=" + enc(state));
    }

    /**
     * Where the person's browser goes to approve one group: {@code use:server} for one seal identity
     * and one {@code digests_summary} (spec sections 3.3 and 11.4 step 4; EP-DEV
     * oauth20-authorization-api, SIGNBYTE {@code SignAuthorizeURL}).
     */
    public URI signingAuthorizeUrl(String state, String signIdentityId, String digestsSummary, String algorithm) {
        return URI.create(properties.authorizeUrl() + "?response_type=code&client_id=" + enc(properties.clientId())
                + "&redirect_uri=" + enc(properties.redirectUri().toString()) + "&scope=" + enc(SCOPE_USE_SERVER)
                + "&sign_identity_id=" + enc(signIdentityId) + "&digests_summary=" + enc(digestsSummary)
                + "&digests_summary_algorithm=" + enc(algorithm) + "&acr_values=" + enc(ACR_MOBILEID) + "&state="
                + enc(state));
    }

    /** Sandbox only: visits the authorize URL without a browser; returns the redirect's Location. */
    public URI visitAuthorize(URI authorizeUrl) {
        HttpRequest request = HttpRequest.newBuilder(authorizeUrl)
                .timeout(properties.requestTimeout())
                .GET()
                .build();
        HttpResponse<byte[]> response = exchange("authorize", request);
        if (response.statusCode() != 302) {
            throw error("authorize", response);
        }
        return URI.create(response.headers()
                .firstValue("Location")
                .orElseThrow(() -> unreadable("authorize", "a redirect without Location")));
    }

    /** The authorization code exchange; the redirect URI is repeated as the platform demands. */
    public UserToken exchangeCode(String code) {
        String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri="
                + enc(properties.redirectUri().toString());
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUrl())
                .timeout(properties.requestTimeout())
                .header("Authorization", apiKey())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Instant asked = clock.instant();
        Wire.TokenResponse answer = read("token", exchange("token", request), Wire.TokenResponse.class);
        if (answer.accessToken() == null || answer.accessToken().isBlank()) {
            throw unreadable("token", "no access_token in the answer");
        }
        if (!"Bearer".equalsIgnoreCase(answer.tokenType())) {
            throw unreadable("token", "token_type " + answer.tokenType() + " is not Bearer");
        }
        long expiresIn = answer.expiresIn() == null ? 600 : answer.expiresIn();
        return new UserToken(answer.accessToken(), asked.plusSeconds(expiresIn), answer.scope());
    }

    /** How often {@code sign_identities/{id}} is asked before a seal counts as having no certificate yet. */
    public static final int IDENTITY_LOOKUPS = 5;

    /** The person's enabled seal identities ({@code qsealc} or {@code esealc}, contentCommitment). */
    public List<SealIdentity> seals(String token) {
        HttpRequest request = HttpRequest.newBuilder(properties.resource("/openid/v1/users/me"))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        Wire.UsersMe me = read("users/me", exchange("users/me", request), Wire.UsersMe.class);
        List<SealIdentity> seals = new ArrayList<>();
        for (Wire.Identity identity : me.signIdentities() == null ? List.<Wire.Identity>of() : me.signIdentities()) {
            List<String> labels = identity.labels() == null ? List.of() : identity.labels();
            boolean seal = labels.contains("qsealc") || labels.contains("esealc");
            boolean enabled = identity.status() == null
                    || "enabled".equals(identity.status().value());
            if (!seal || !enabled || !labels.contains("x509:keyUsage:contentCommitment")) {
                continue;
            }
            String cn =
                    labels.stream().filter(l -> l.startsWith("CN:")).findFirst().orElse(null);
            String certificate = identity.details() != null ? identity.details().certificate() : null;
            if (certificate == null) {
                certificate = signIdentityCertificate(token, identity.id());
            }
            if (certificate == null) {
                log.warn("eParaksts has not issued the certificate of seal {} yet", identity.id());
                seals.add(new SealIdentity(
                        identity.id(),
                        cn,
                        labels,
                        null,
                        "eParaksts has not issued the certificate of seal " + (cn == null ? identity.id() : cn)
                                + " yet: sign_identities/" + identity.id() + " answered 404 " + IDENTITY_LOOKUPS
                                + " times; it is looked up again at the next login"));
                continue;
            }
            seals.add(new SealIdentity(identity.id(), cn, labels, certificate(certificate)));
        }
        return seals;
    }

    /**
     * The certificate of a sign identity, or null when the platform has not issued it yet: identities
     * can appear a little after the first login (spec section 5.1; SIGNBYTE looks up to 5 times, 2 s
     * apart), so a 404 is asked again {@link #IDENTITY_LOOKUPS} times, {@code retry.initial-backoff}
     * apart.
     */
    private String signIdentityCertificate(String token, String id) {
        HttpRequest request = HttpRequest.newBuilder(properties.resource("/esigp/v1/sign_identities/" + enc(id)))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        for (int lookup = 1; ; lookup++) {
            Wire.IdentityEnvelope envelope;
            try {
                envelope = read("sign_identities", exchange("sign_identities", request), Wire.IdentityEnvelope.class);
            } catch (EparakstsCallException e) {
                if (e.status() != 404) {
                    throw e;
                }
                if (lookup >= IDENTITY_LOOKUPS) {
                    return null;
                }
                pause(properties.retry().initialBackoff());
                continue;
            }
            if (envelope.identity() == null || envelope.identity().details() == null) {
                throw unreadable("sign_identities", "no details.certificate for " + id);
            }
            return envelope.identity().details().certificate();
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EparakstsCallException("sign_identities", 0, "interrupted", null, e);
        }
    }

    /** One signature per digest, in order; both answer shapes seen in the field are accepted. */
    public List<byte[]> signBatch(String token, String identityId, String algorithm, List<byte[]> digests) {
        List<Wire.BatchItem> items = digests.stream()
                .map(d -> new Wire.BatchItem(Base64.getEncoder().encodeToString(d), algorithm))
                .toList();
        byte[] body = JSON.writeValueAsBytes(new Wire.BatchRequest(identityId, algorithm, items));
        HttpResponse<byte[]> response =
                exchange("server/raw/batch", jsonPost("/esigp/v1/signatures/server/raw/batch", token, body));
        JsonNode answer = read("server/raw/batch", response, JsonNode.class);
        JsonNode list = answer.isArray() ? answer : answer.get("signatures");
        if (list == null || !list.isArray() || list.size() != digests.size()) {
            throw unreadable(
                    "server/raw/batch",
                    (list == null ? 0 : list.size()) + " signatures for " + digests.size() + " digests");
        }
        List<byte[]> values = new ArrayList<>(list.size());
        for (JsonNode item : list.values()) {
            JsonNode value = item.isObject() ? item.get("signature") : item;
            if (value == null || !value.isString()) {
                throw unreadable("server/raw/batch", "a signature is not a string");
            }
            try {
                values.add(Base64.getDecoder().decode(value.stringValue()));
            } catch (IllegalArgumentException e) {
                throw unreadable("server/raw/batch", "a signature is not base64");
            }
        }
        return values;
    }

    private HttpRequest jsonPost(String path, String token, byte[] body) {
        return HttpRequest.newBuilder(properties.resource(path))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private String apiKey() {
        String key = enc(properties.clientId()) + ":" + enc(properties.clientSecret());
        return "Basic " + Base64.getEncoder().encodeToString(key.getBytes(UTF_8));
    }

    private HttpResponse<byte[]> exchange(String endpoint, HttpRequest request) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "io_error";
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            outcome = status < 400
                    ? "success"
                    : status == 401 ? "unauthorized" : status >= 500 ? "server_error" : "client_error";
            return response;
        } catch (IOException e) {
            throw new EparakstsCallException(
                    endpoint, 0, "io_error", e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EparakstsCallException(endpoint, 0, "interrupted", null, e);
        } finally {
            sample.stop(SigningMeters.providerRequests(meters, "eparaksts", endpoint, outcome));
        }
    }

    private static <T> T read(String endpoint, HttpResponse<byte[]> response, Class<T> type) {
        if (response.statusCode() != 200) {
            throw error(endpoint, response);
        }
        try {
            return Objects.requireNonNull(JSON.readValue(response.body(), type), "empty body");
        } catch (JacksonException | NullPointerException e) {
            throw new EparakstsCallException(endpoint, 200, "unreadable_answer", "not the expected JSON", e);
        }
    }

    private static EparakstsCallException error(String endpoint, HttpResponse<byte[]> response) {
        try {
            Wire.ErrorResponse error = JSON.readValue(response.body(), Wire.ErrorResponse.class);
            if (error != null && error.error() != null) {
                return new EparakstsCallException(
                        endpoint, response.statusCode(), error.error(), error.errorDescription(), null);
            }
        } catch (JacksonException e) {
            // Not the platform's error format: reported by status alone.
        }
        return new EparakstsCallException(endpoint, response.statusCode(), "http_" + response.statusCode(), null, null);
    }

    private static CertificateToken certificate(String base64) {
        try {
            return DSSUtils.loadCertificate(Base64.getDecoder().decode(base64));
        } catch (RuntimeException e) {
            throw new EparakstsCallException(
                    "users/me", 200, "unreadable_answer", "a certificate is not base64 DER", e);
        }
    }

    private static EparakstsCallException unreadable(String endpoint, String why) {
        return new EparakstsCallException(endpoint, 200, "unreadable_answer", why, null);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
