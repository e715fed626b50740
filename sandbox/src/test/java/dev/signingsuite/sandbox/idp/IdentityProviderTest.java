package dev.signingsuite.sandbox.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's identity provider over real HTTP: the authorization code flow with PKCE as a client
 * does it, the person's browser played by {@link PersonBrowser}.
 */
class IdentityProviderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final URI CALLBACK = URI.create("http://127.0.0.1:61234/onetime/callback");

    @TempDir
    static Path workDir;

    static IdentityProvider idp;
    static JsonNode discovery;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        idp = IdentityProvider.start(workDir);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(idp.issuer() + "/.well-known/openid-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        discovery = JSON.readTree(response.body());
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void discoveryNamesTheIssuerAndPkce() {
        assertThat(discovery.get("issuer").asString()).isEqualTo(idp.issuer().toString());
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void theTestPersonLogsInAndTheIdTokenCarriesNameAndIdentifier() throws Exception {
        String verifier = "v".repeat(20) + "0123456789abcdefghijklmnopqrstuvwxyz0123456789";
        URI back = new PersonBrowser()
                .logIn(authorizationUrl("state-1", "nonce-1", verifier), "PNOLV-010101-10006", "onetime-sandbox");
        Map<String, String> query = query(back);
        assertThat(back.getPort()).isEqualTo(CALLBACK.getPort());
        assertThat(back.getPath()).isEqualTo("/onetime/callback");
        assertThat(query).containsEntry("state", "state-1").containsKey("code");

        HttpResponse<String> tokens = exchange(query.get("code"), verifier);
        assertThat(tokens.statusCode()).isEqualTo(200);
        JWTClaimsSet claims =
                verify(JSON.readTree(tokens.body()).get("id_token").asString());
        assertThat(claims.getIssuer()).isEqualTo(idp.issuer().toString());
        assertThat(claims.getAudience()).containsExactly(IdentityProvider.CLIENT_ID);
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-1");
        assertThat(claims.getSubject()).isEqualTo("PNOLV-010101-10006");
        assertThat(claims.getStringClaim(IdentityProvider.IDENTIFIER_CLAIM)).isEqualTo("PNOLV-010101-10006");
        assertThat(claims.getStringClaim("name")).isEqualTo("ONE TIME");
    }

    @Test
    void aWrongPkceVerifierGetsNoTokens() throws Exception {
        String verifier = "w".repeat(64);
        URI back = new PersonBrowser()
                .logIn(authorizationUrl("state-2", "nonce-2", verifier), "PNOLV-010101-10006", "onetime-sandbox");
        HttpResponse<String> tokens = exchange(query(back).get("code"), "x".repeat(64));
        assertThat(tokens.statusCode()).isEqualTo(400);
        assertThat(tokens.body()).contains("invalid_grant").doesNotContain("id_token");
    }

    @Test
    void theRefusedPersonComesBackWithAccessDenied() throws Exception {
        URI back = new PersonBrowser()
                .logIn(authorizationUrl("state-3", "nonce-3", "y".repeat(64)), "PNOLV-020202-20002", "refused-sandbox");
        Map<String, String> query = query(back);
        assertThat(back.getPath()).isEqualTo("/onetime/callback");
        assertThat(query)
                .containsEntry("error", "access_denied")
                .containsEntry("state", "state-3")
                .doesNotContainKey("code");
        assertThat(query.get("error_description")).contains("suspended");
    }

    @Test
    void theTestPersonLogsInAtOnceWhenAServiceAsksAndOnlyAtThisProvider() throws Exception {
        URI login = authorizationUrl("state-6", "nonce-6", "a".repeat(64));
        HttpResponse<String> played = automatic("PNOLV-010101-10006", login);
        assertThat(played.statusCode()).as(played.body()).isEqualTo(200);
        URI back = URI.create(played.body());
        assertThat(back.getPath()).isEqualTo("/onetime/callback");
        assertThat(query(back)).containsEntry("state", "state-6").containsKey("code");

        HttpResponse<String> refused =
                automatic("PNOLV-020202-20002", authorizationUrl("state-7", "n", "b".repeat(64)));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(query(URI.create(refused.body()))).containsEntry("error", "access_denied");

        assertThat(automatic("PNOLV-999999-99999", authorizationUrl("state-8", "n", "c".repeat(64)))
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> elsewhere = automatic("PNOLV-010101-10006", URI.create("http://169.254.169.254/latest"));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("not this identity provider's");
    }

    private HttpResponse<String> automatic(String person, URI authorizationUrl) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(idp.issuer() + TestPersonLogins.PATH))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("person=" + encode(person) + "&authorizationUrl="
                                + encode(authorizationUrl.toString())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWrongPasswordStaysAtTheLoginForm() {
        assertThatThrownBy(() -> new PersonBrowser()
                        .logIn(authorizationUrl("state-4", "nonce-4", "z".repeat(64)), "PNOLV-010101-10006", "wrong"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused the password");
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
        URI withoutPkce = URI.create(discovery.get("authorization_endpoint").asString()
                + "?response_type=code&scope=openid&client_id=" + IdentityProvider.CLIENT_ID + "&state=s5&redirect_uri="
                + encode(CALLBACK.toString()));
        URI back = new PersonBrowser().logIn(withoutPkce, "PNOLV-010101-10006", "onetime-sandbox");
        assertThat(query(back)).containsEntry("error", "invalid_request").doesNotContainKey("code");
    }

    private URI authorizationUrl(String state, String nonce, String verifier) throws Exception {
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return URI.create(discovery.get("authorization_endpoint").asString() + "?response_type=code&scope="
                + encode("openid profile") + "&client_id=" + IdentityProvider.CLIENT_ID + "&state=" + state + "&nonce="
                + nonce + "&code_challenge=" + challenge + "&code_challenge_method=S256&redirect_uri="
                + encode(CALLBACK.toString()));
    }

    private HttpResponse<String> exchange(String code, String verifier) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((IdentityProvider.CLIENT_ID + ":" + IdentityProvider.CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(
                                URI.create(discovery.get("token_endpoint").asString()))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + encode(code)
                                + "&redirect_uri=" + encode(CALLBACK.toString()) + "&code_verifier=" + verifier))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JWTClaimsSet verify(String idToken) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                JWSAlgorithm.RS256,
                JWKSourceBuilder.create(
                                URI.create(discovery.get("jwks_uri").asString()).toURL())
                        .build()));
        return processor.process(idToken, null);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
