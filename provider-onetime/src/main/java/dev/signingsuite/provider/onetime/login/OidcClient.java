package dev.signingsuite.provider.onetime.login;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite as an OpenID Connect client of one identity provider: the authorization URL (code flow,
 * PKCE S256, nonce), the code exchange (HTTP Basic) and the ID token's verification with Nimbus
 * JOSE+JWT: signature against the provider's JWKS, {@code iss}, {@code aud}, {@code nonce}, {@code
 * exp}/{@code iat}. Endpoints come from the discovery document, fetched on first use.
 */
public final class OidcClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The signature algorithms an ID token may use; never {@code none}, never a MAC. */
    private static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    /** What an ID token says it is about, once verified. */
    public record IdToken(String subject, String identifier, String name) {}

    /** The ID token failed verification, or the token endpoint refused the code. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final LoginProperties properties;
    private final Clock clock;
    /** The sandbox identity provider's automatic login, under its issuer. */
    private static final String AUTOMATIC_LOGIN = "/sandbox/test-person/login";

    private final HttpClient http;
    private Endpoints endpoints;

    private record Endpoints(URI authorization, URI token, JWKSource<SecurityContext> keys) {}

    public OidcClient(LoginProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    public LoginProperties properties() {
        return properties;
    }

    /** Where the person's browser goes: the authorization endpoint with this login's parameters. */
    public URI authorizationUrl(String state, String nonce, String codeChallenge) {
        return URI.create(endpoints().authorization()
                + (endpoints().authorization().getRawQuery() == null ? "?" : "&")
                + "response_type=code&client_id=" + encode(properties.clientId()) + "&redirect_uri="
                + encode(properties.redirectUri().toString()) + "&scope=" + encode(properties.scope()) + "&state="
                + encode(state) + "&nonce=" + encode(nonce) + "&code_challenge=" + encode(codeChallenge)
                + "&code_challenge_method=S256");
    }

    /**
     * The code for the ID token: exchanged with the verifier, then verified.
     *
     * @throws Refused when the token endpoint refuses the code (a wrong verifier, a spent code) or the
     *     ID token does not verify
     */
    public IdToken exchange(String code, String verifier, String nonce) throws Refused {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (encode(properties.clientId()) + ":" + encode(properties.clientSecret())).getBytes(UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoints().token())
                .timeout(properties.timeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + encode(code)
                        + "&redirect_uri=" + encode(properties.redirectUri().toString()) + "&code_verifier="
                        + encode(verifier)))
                .build());
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            throw new Refused("the identity provider refused the code: " + errorOf(response.body()));
        }
        if (response.statusCode() != 200) {
            throw new LoginUnavailable(
                    "the identity provider's token endpoint answered HTTP " + response.statusCode(), null);
        }
        JsonNode idToken;
        try {
            idToken = JSON.readTree(response.body()).get("id_token");
        } catch (JacksonException e) {
            throw new LoginUnavailable("the identity provider's token response is not JSON", e);
        }
        if (idToken == null || !idToken.isString()) {
            throw new Refused("the identity provider returned no ID token (is openid in the scope?)");
        }
        return verify(idToken.asString(), nonce);
    }

    /**
     * The ID token's claims, if its signature is the identity provider's (a key of its JWKS), it was
     * issued by it for this client, for this login's nonce, and has not expired.
     */
    public IdToken verify(String idToken, String nonce) throws Refused {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(ALGORITHMS, endpoints().keys()));
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(
                        properties.clientId(),
                        new JWTClaimsSet.Builder()
                                .issuer(properties.issuer().toString())
                                .claim("nonce", nonce)
                                .build(),
                        Set.of("sub", "iat", "exp", properties.identifierClaim())) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                });
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new Refused("the ID token does not verify: " + e.getMessage());
        }
        try {
            String name = claims.getStringClaim("name");
            if (name == null && claims.getStringClaim("given_name") != null) {
                name = claims.getStringClaim("given_name") + " " + claims.getStringClaim("family_name");
            }
            return new IdToken(claims.getSubject(), claims.getStringClaim(properties.identifierClaim()), name);
        } catch (ParseException e) {
            throw new Refused("the ID token's claims are not strings: " + e.getMessage());
        }
    }

    private synchronized Endpoints endpoints() {
        if (endpoints == null) {
            URI discovery = URI.create(properties.issuer() + "/.well-known/openid-configuration");
            HttpResponse<String> response = send(HttpRequest.newBuilder(discovery)
                    .timeout(properties.timeout())
                    .header("Accept", "application/json")
                    .GET()
                    .build());
            try {
                JsonNode document = JSON.readTree(response.body());
                // OpenID Connect Discovery 4.3: the document must name the issuer it was fetched for.
                if (response.statusCode() != 200
                        || !properties
                                .issuer()
                                .toString()
                                .equals(document.path("issuer").asString())) {
                    throw new LoginUnavailable(
                            "no discovery document for issuer " + properties.issuer() + " at " + discovery, null);
                }
                endpoints = new Endpoints(
                        URI.create(document.path("authorization_endpoint").asString()),
                        URI.create(document.path("token_endpoint").asString()),
                        JWKSourceBuilder.create(
                                        URI.create(document.path("jwks_uri").asString())
                                                .toURL())
                                .build());
            } catch (JacksonException | IllegalArgumentException | MalformedURLException e) {
                throw new LoginUnavailable("the discovery document at " + discovery + " is unusable", e);
            }
        }
        return endpoints;
    }

    /**
     * Sandbox only ({@link LoginProperties#automatic()}): the sandbox's identity provider logs its
     * test person in for this authorization URL at once, playing the browser itself, and answers
     * where the browser was sent at the end.
     *
     * @throws IllegalStateException when it did not (the person unknown there, the URL not its own)
     */
    URI automaticLogin(URI authorizationUrl) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(properties.issuer().resolve(AUTOMATIC_LOGIN))
                        .timeout(properties.timeout())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "person=" + encode(properties.automatic().person()) + "&authorizationUrl="
                                        + encode(authorizationUrl.toString())))
                        .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "the sandbox's test person did not log in: HTTP " + response.statusCode() + " " + response.body());
        }
        return URI.create(response.body().strip());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginUnavailable("the identity provider at " + request.uri() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginUnavailable("interrupted while calling the identity provider", e);
        }
    }

    private static String errorOf(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("error").asString() + " "
                    + error.path("error_description").asString("");
        } catch (JacksonException e) {
            return "(no OAuth error)";
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
