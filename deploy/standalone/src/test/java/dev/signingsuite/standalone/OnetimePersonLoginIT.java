package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.idp.IdpPersons;
import dev.signingsuite.sandbox.idp.PersonBrowser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The one-time signing login through the gateway (ADR 28), outside the automatic mode: a document
 * uploaded for the sandbox's one-time person waits with the identity provider's login link in its
 * status; a browser played over real HTTP opens the gateway's person page, follows its login link,
 * logs in at the sandbox identity provider's form and follows the redirect to the gateway's {@code
 * /onetime/callback}, which relays it over Kafka to provider-onetime (a process of its own with a
 * SoftHSM2 token, as in {@link OnetimeSealIT}). The document is then signed and assembled; a login
 * the identity provider refuses fails its document {@code USER_REFUSED}; a callback no document
 * waits for changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnetimePersonLoginIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LOGIN_LINK = Pattern.compile("<a id=\"login\" href=\"([^\"]+)\"");
    private static final String SIGNER = "PNOLV-010101-10006/ONE TIME";

    @TempDir
    static Path work;

    private ConfigurableApplicationContext suite;
    private URI gateway;

    @BeforeAll
    void startSuite() {
        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"),
                "--standalone.services.log-level=WARN",
                "--standalone.ready-banner=false",
                "--standalone.onetime.enabled=true",
                "--standalone.onetime.automatic=false"));
        gateway = URI.create("http://127.0.0.1:"
                + suite.getBean(SuiteServices.class).running().stream()
                        .filter(r -> r.name().equals("gateway"))
                        .findFirst()
                        .orElseThrow()
                        .port()
                + "/");
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void thePersonLogsInThroughTheGatewayAndTheDocumentIsAssembled() throws Exception {
        String id = upload("invoice-login.xml");
        JsonNode waiting = awaitStatus(id, "AWAITING_PERSON");
        URI loginUrl = URI.create(waiting.get("loginUrl").stringValue());
        assertThat(loginUrl.getRawQuery())
                .contains("code_challenge_method=S256", "state=", "nonce=")
                .contains("redirect_uri=" + URLEncoder.encode(gateway + "onetime/callback", UTF_8))
                .doesNotContain("code_verifier", "client_secret");
        assertThat(waiting.at("/awaiting/what").stringValue()).contains("to log in at the identity provider");

        // The person's page (no API key) shows the same login link.
        HttpResponse<String> page = browse(waiting.get("personPageUrl").stringValue());
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher link = LOGIN_LINK.matcher(page.body());
        assertThat(link.find()).as(page.body()).isTrue();
        URI followed = URI.create(link.group(1).replace("&amp;", "&"));
        assertThat(followed).isEqualTo(loginUrl);

        URI callback =
                new PersonBrowser().logIn(followed, IdpPersons.ONE_TIME.identifier(), IdpPersons.ONE_TIME.password());
        assertThat(callback.getPath()).isEqualTo("/onetime/callback");
        HttpResponse<String> received = browse(callback.toString());
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        assertThat(received.body()).contains("Your login was received");

        JsonNode assembled = awaitStatus(id, "ASSEMBLED");
        assertThat(assembled.at("/container/validation").stringValue()).isEqualTo("TOTAL_PASSED");
        assertThat(assembled.has("loginUrl")).isFalse();

        // The login ended: the same callback again changes nothing, and says so.
        HttpResponse<String> again = browse(callback.toString());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("No document waits for this login").doesNotContain("Exception");
        HttpResponse<String> incomplete = browse(gateway + "onetime/callback?code=x");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("This login could not be completed");
    }

    @Test
    void aLoginTheIdentityProviderRefusesFailsTheDocument() throws Exception {
        String id = upload("invoice-refused.xml");
        URI loginUrl =
                URI.create(awaitStatus(id, "AWAITING_PERSON").get("loginUrl").stringValue());

        // The suspended test person logs in with the right password and is sent back with access_denied.
        URI callback =
                new PersonBrowser().logIn(loginUrl, IdpPersons.REFUSED.identifier(), IdpPersons.REFUSED.password());
        assertThat(callback.getRawQuery()).contains("error=access_denied");
        HttpResponse<String> refused = browse(callback.toString());
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("The login was refused", "access_denied");

        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.at("/failure/reason").stringValue()).isEqualTo("USER_REFUSED");
        assertThat(failed.at("/failure/message").stringValue()).contains("access_denied", "no key was generated");
    }

    private String upload(String fileName) throws Exception {
        return new GatewayRequests(gateway)
                .upload(
                        fileName,
                        "<Invoice><ID>" + fileName + "</ID></Invoice>",
                        "provider=onetime&level=LT&signer="
                                + URLEncoder.encode(SIGNER, UTF_8).replace("+", "%20"));
    }

    private JsonNode awaitStatus(String id, String expected) {
        return new GatewayRequests(gateway).awaitStatus(id, expected, Duration.ofSeconds(90));
    }

    /** {@code path} on the gateway (or an absolute URI) as a person's browser opens it: no API key. */
    private HttpResponse<String> browse(String path) throws Exception {
        URI uri = path.startsWith("http") ? URI.create(path) : gateway.resolve(path.replaceFirst("^/", ""));
        return HTTP.send(
                HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
