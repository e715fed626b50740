package dev.signingsuite.provider.onetime.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.provider.onetime.TestDocuments;
import dev.signingsuite.provider.onetime.enrolment.Person;
import dev.signingsuite.provider.onetime.hsm.Pkcs11Token;
import dev.signingsuite.provider.onetime.hsm.SoftHsmToken;
import dev.signingsuite.provider.onetime.login.LoginProperties;
import dev.signingsuite.provider.onetime.login.OidcClient;
import dev.signingsuite.provider.onetime.login.PersonLogins;
import dev.signingsuite.provider.onetime.timing.TimestampAvailability;
import dev.signingsuite.provider.runtime.Resolution;
import dev.signingsuite.sandbox.idp.IdentityProvider;
import dev.signingsuite.sandbox.idp.IdpPersons;
import dev.signingsuite.sandbox.idp.PersonBrowser;
import dev.signingsuite.sandbox.pki.OneTimeCa;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The person's OpenID Connect login before a one-time signing, against the sandbox's Spring
 * Authorization Server over real HTTP, with the SoftHSM2 token and the sandbox's one-time CA: no key
 * and no certificate request until the person named has logged in.
 */
class OneTimeLoginTest {

    private static final URI REDIRECT = URI.create("http://127.0.0.1:8080/onetime/callback");
    private static final String OTHER_SIGNER = "PNOEE-30303039914/OTHER PERSON";
    private static final String REFUSED_SIGNER = "PNOLV-020202-20002/REFUSED PERSON";

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static IdentityProvider idp;

    private final Clock clock = TestClock.system();
    private Pkcs11Token token;
    private SandboxCa ca;
    private OneTimeSignings signings;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.loadOrCreate(dir.resolve("pki"), PkiSettings.defaults(), SandboxEntities.ALL, TestClock.system());
        idp = IdentityProvider.start(dir.resolve("idp"));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @BeforeEach
    void token() {
        token = Pkcs11Token.open(SoftHsmToken.properties(), clock);
        ca = new SandboxCa(new OneTimeCa(pki, PkiSettings.defaults(), OneTimeCa.DEFAULT_VALIDITY, clock));
        signings = new OneTimeSignings(token, ca, entry -> {}, clock, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        signings.close();
        token.close();
    }

    @Test
    void theTestPersonLogsInAndTheCertificateNamesWhomTheIdTokenNames() throws Exception {
        OneTimeSigner signer = signer(new PersonLogins(client(IdpPersons.ONE_TIME), clock));

        // The request's spelling of the name is not what the certificate carries: the ID token's is.
        Resolution resolved = signer.resolve(document("doc-1", "batch-1", "PNOLV-010101-10006/O. TIME"));

        assertThat(resolved).isInstanceOf(Resolution.Sign.class);
        X500Name subject = X500Name.getInstance(((Resolution.Sign) resolved)
                .signer()
                .certificate()
                .getCertificate()
                .getSubjectX500Principal()
                .getEncoded());
        assertThat(subject.getRDNs(BCStyle.SERIALNUMBER)[0]
                        .getFirst()
                        .getValue()
                        .toString())
                .isEqualTo("PNOLV-010101-10006");
        assertThat(subject.getRDNs(BCStyle.CN)[0].getFirst().getValue().toString())
                .isEqualTo("ONE TIME");
        assertThat(token.oneTimeKeys()).hasSize(1);
    }

    @Test
    void theIdentityProviderRefusingTheLoginFailsTheDocumentsWithoutAKey() throws Exception {
        OneTimeSigner signer = signer(new PersonLogins(client(IdpPersons.REFUSED), clock));

        Resolution resolved = signer.resolve(document("doc-2", "batch-2", REFUSED_SIGNER));

        assertThat(resolved).isInstanceOfSatisfying(Resolution.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(FailureReason.USER_REFUSED);
            assertThat(refused.message())
                    .contains("refused the login of PNOLV-020…", "access_denied", "suspended", "no key was generated");
        });
        assertThat(token.oneTimeKeys()).isEmpty();
        assertThat(ca.issued).hasValue(0);
    }

    @Test
    void anIdTokenForAnotherPersonThanTheSignerNamedIsRefused() throws Exception {
        OneTimeSigner signer = signer(new PersonLogins(client(IdpPersons.OTHER), clock));

        Resolution resolved = signer.resolve(document("doc-3", "batch-3", TestDocuments.PERSON));

        assertThat(resolved).isInstanceOfSatisfying(Resolution.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(FailureReason.SIGNER_NOT_ALLOWED);
            assertThat(refused.message()).contains("PNOEE-303…", "is not the signer the request names (PNOLV-010…)");
        });
        assertThat(token.oneTimeKeys()).isEmpty();
        assertThat(ca.issued).hasValue(0);
        // The person the ID token names is not refused as such: the same login for their own signer works.
        assertThat(signer.resolve(document("doc-4", "batch-3b", OTHER_SIGNER))).isInstanceOf(Resolution.Sign.class);
    }

    @Test
    void documentsWaitWithoutAKeyUntilThePersonLogsInAndAWrongStateChangesNothing() throws Exception {
        PersonLogins logins = new PersonLogins(client(null), clock);
        OneTimeSigner signer = signer(logins);
        HashComputed document = document("doc-5", "batch-5", TestDocuments.PERSON);

        java.time.Instant before = clock.instant();
        Resolution first = signer.resolve(document);
        PersonLogins.Identity waiting = logins.identify(person(), "batch-5");
        assertThat(waiting).isInstanceOf(PersonLogins.Identity.Waiting.class);
        assertThat(token.oneTimeKeys()).isEmpty();
        URI loginUrl = ((PersonLogins.Identity.Waiting) waiting).loginUrl();
        assertThat(loginUrl.getRawQuery())
                .contains("code_challenge_method=S256", "nonce=", "state=")
                .doesNotContain(
                        "code_verifier",
                        "client_secret",
                        client(null).properties().clientSecret());
        // The waiting status the gateway shows: the login link, under its state, until the login ends.
        assertThat(first).isInstanceOfSatisfying(Resolution.Waits.class, waits -> {
            assertThat(waits.why()).contains("PNOLV-010…", "to log in at the identity provider");
            assertThat(waits.link().deviceLink()).isEqualTo(loginUrl);
            assertThat(waits.link().sessionId())
                    .isEqualTo(PersonLogins.query(loginUrl).get("state"));
            assertThat(waits.link().expiresAt())
                    .isBetween(
                            before.plus(Duration.ofMinutes(10)), clock.instant().plus(Duration.ofMinutes(10)));
        });

        Map<String, String> callback = PersonLogins.query(
                new PersonBrowser().logIn(loginUrl, IdpPersons.ONE_TIME.identifier(), IdpPersons.ONE_TIME.password()));
        Map<String, String> forged = new HashMap<>(callback);
        forged.put("state", callback.get("state") + "x");
        assertThat(logins.complete(forged)).isEmpty();
        assertThat(signer.resolve(document)).isInstanceOf(Resolution.Waits.class);

        assertThat(logins.complete(callback))
                .hasValueSatisfying(
                        identity -> assertThat(identity).isEqualTo(new PersonLogins.Identity.Authenticated(person())));
        assertThat(signer.resolve(document)).isInstanceOf(Resolution.Sign.class);
        assertThat(logins.complete(callback)).as("a callback comes once").isEmpty();
    }

    @Test
    void aCodeBroughtBackUnderAnotherLoginsStateFailsItsPkceCheck() throws Exception {
        PersonLogins logins = new PersonLogins(client(null), clock);
        URI first = ((PersonLogins.Identity.Waiting) logins.identify(person(), "batch-6")).loginUrl();
        URI second = ((PersonLogins.Identity.Waiting) logins.identify(person(), "batch-7")).loginUrl();
        String code = PersonLogins.query(new PersonBrowser()
                        .logIn(first, IdpPersons.ONE_TIME.identifier(), IdpPersons.ONE_TIME.password()))
                .get("code");

        assertThat(logins.complete(
                        Map.of("code", code, "state", PersonLogins.query(second).get("state"))))
                .hasValueSatisfying(identity -> assertThat(identity)
                        .isInstanceOfSatisfying(PersonLogins.Identity.Refused.class, refused -> {
                            assertThat(refused.reason()).isEqualTo(FailureReason.AUTHORISATION_REQUIRED);
                            assertThat(refused.message()).contains("refused the code", "invalid_grant");
                        }));
    }

    @Test
    void aPersonWhoDoesNotLogInInTimeFailsTheDocuments() {
        MutableClock later = TestClock.startingAt(TestClock.now());
        PersonLogins logins = new PersonLogins(client(null), later);
        assertThat(logins.identify(person(), "batch-8")).isInstanceOf(PersonLogins.Identity.Waiting.class);

        later.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThat(logins.identify(person(), "batch-8"))
                .isInstanceOfSatisfying(PersonLogins.Identity.Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(FailureReason.TIMEOUT);
                    assertThat(refused.message()).contains("did not log in", "PT10M");
                });
    }

    @Test
    void onlyAnUntamperedIdTokenOfTheIdentityProviderForThisNonceVerifies() throws Exception {
        OidcClient client = client(null);
        String genuine = idToken(client, "nonce-9");

        assertThat(client.verify(genuine, "nonce-9").identifier()).isEqualTo("PNOLV-010101-10006");
        assertThatThrownBy(() -> client.verify(genuine, "another-nonce"))
                .isInstanceOf(OidcClient.Refused.class)
                .hasMessageContaining("nonce");
        String[] parts = genuine.split("\\.");
        String payload =
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("PNOLV-010101-10006", "PNOLV-010101-10007");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertThatThrownBy(() -> client.verify(tampered, "nonce-9"))
                .isInstanceOf(OidcClient.Refused.class)
                .hasMessageContaining("does not verify");

        RSAKey foreignKey = new RSAKeyGenerator(2048).keyID("foreign").generate();
        SignedJWT foreign = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("foreign").build(),
                new JWTClaimsSet.Builder()
                        .issuer(idp.issuer().toString())
                        .audience(IdentityProvider.CLIENT_ID)
                        .subject("PNOLV-010101-10006")
                        .claim("nonce", "nonce-9")
                        .claim(IdentityProvider.IDENTIFIER_CLAIM, "PNOLV-010101-10006")
                        .claim("name", "ONE TIME")
                        .issueTime(Date.from(clock.instant()))
                        .expirationTime(Date.from(clock.instant().plusSeconds(300)))
                        .build());
        foreign.sign(new RSASSASigner(foreignKey));
        assertThatThrownBy(() -> client.verify(foreign.serialize(), "nonce-9"))
                .isInstanceOf(OidcClient.Refused.class)
                .hasMessageContaining("does not verify");
    }

    // A genuine ID token for the test person, fetched as the service's exchange would (the raw token).
    private String idToken(OidcClient client, String nonce) throws Exception {
        String verifier = "k".repeat(64);
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes()));
        Map<String, String> callback = PersonLogins.query(new PersonBrowser()
                .logIn(
                        client.authorizationUrl("state-9", nonce, challenge),
                        IdpPersons.ONE_TIME.identifier(),
                        IdpPersons.ONE_TIME.password()));
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(idp.issuer() + "/oauth2/token"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString((IdentityProvider.CLIENT_ID + ":"
                                                                        + IdentityProvider.CLIENT_SECRET)
                                                                .getBytes()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "grant_type=authorization_code&code=" + callback.get("code") + "&redirect_uri="
                                                + java.net.URLEncoder.encode(
                                                        REDIRECT.toString(), java.nio.charset.StandardCharsets.UTF_8)
                                                + "&code_verifier=" + verifier))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(response.body())
                .get("id_token")
                .asString();
    }

    private OneTimeSigner signer(PersonLogins logins) {
        return OneTimeSigner.of(signings, logins, TimestampAvailability.ALWAYS, 100, clock);
    }

    private OidcClient client(IdpPersons.Person automatic) {
        return new OidcClient(
                new LoginProperties(
                        idp.issuer(),
                        IdentityProvider.CLIENT_ID,
                        IdentityProvider.CLIENT_SECRET,
                        REDIRECT,
                        IdentityProvider.IDENTIFIER_CLAIM,
                        "openid profile",
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(10),
                        automatic == null ? null : new LoginProperties.Automatic(automatic.identifier())),
                clock);
    }

    private HashComputed document(String id, String batch, String signer) {
        return TestDocuments.hashComputed(id, batch, signer, clock.instant());
    }

    private static Person person() {
        return new Person("PNOLV-010101-10006", "ONE TIME");
    }
}
