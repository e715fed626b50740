package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.standalone.seal.Sealer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * provider-csc with a person's service authorisation ({@code scope=service}): until an operator
 * logs in through the gateway's {@code /operator/csc} page, documents fail with
 * AUTHORISATION_REQUIRED; the login's two redirect legs pass through the gateway only (the
 * simulator's test user approves at once), and afterwards the same credential seals valid
 * containers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CscOperatorLoginIT {

    @TempDir
    static Path work;

    private ConfigurableApplicationContext suite;
    private int gatewayPort;

    @BeforeAll
    void startSuite() throws Exception {
        gatewayPort = LoopbackPorts.pickFree("127.0.0.1");
        suite = StandaloneApplication.start(
                "--standalone.data-dir=" + work.resolve("data"),
                "--standalone.kafka.port=0",
                "--standalone.sandbox.port=0",
                "--standalone.services.gateway-port=" + gatewayPort,
                "--standalone.services.base-port=0",
                "--standalone.services.log-level=WARN",
                "--standalone.ready-banner=false",
                "--standalone.services.properties[signing.csc.operator-redirect-uri]=http://127.0.0.1:" + gatewayPort
                        + "/csc/callback");
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void documentsWaitForNoOneUntilAnOperatorLogsInThroughTheGatewayThenSeal() throws Exception {
        Sandbox sandbox = suite.getBean(Sandbox.class);
        HttpClient http = HttpClient.newHttpClient();
        URI gateway = URI.create("http://127.0.0.1:" + gatewayPort + "/");

        assertThat(get(http, gateway.resolve("/operator/csc")).body()).contains("The CSC service is not authorised");
        SealReport before = seal(documents("before", 2), work.resolve("before-out"));
        assertThat(before.outcomes())
                .hasSize(2)
                .allSatisfy(outcome -> assertThat(outcome.failure())
                        .startsWith("AUTHORISATION_REQUIRED")
                        .contains("no operator has authorised"));

        HttpResponse<String> login = get(http, gateway.resolve("/operator/csc/login"));
        assertThat(login.statusCode()).isEqualTo(302);
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString())
                .startsWith(sandbox.cscBaseUrl() + "/oauth2/authorize?")
                .contains("scope=service")
                .contains("code_challenge_method=S256");
        HttpResponse<String> approved = get(http, authorize);
        URI redirect = URI.create(approved.headers().firstValue("Location").orElseThrow());
        assertThat(redirect.getPort()).isEqualTo(gatewayPort);
        assertThat(redirect.getPath()).isEqualTo("/csc/callback");
        int tokens = sandbox.csc().calls("oauth2/token");
        HttpResponse<String> callback = get(http, redirect);
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).contains("/operator/csc");
        assertThat(sandbox.csc().calls("oauth2/token")).isEqualTo(tokens + 1);
        assertThat(get(http, gateway.resolve("/operator/csc")).body()).contains("The CSC service is authorised");
        assertThat(get(http, redirect).statusCode()).as("a replayed callback").isEqualTo(400);

        Path in = documents("after", 4);
        Path out = work.resolve("after-out");
        SealReport after = seal(in, out);
        assertThat(after.outcomes())
                .filteredOn(outcome -> !outcome.succeeded())
                .extracting(SealOutcome::failure)
                .isEmpty();
        ContainerChecks checks = new ContainerChecks(sandbox.trustAnchorPem());
        for (SealOutcome outcome : after.outcomes()) {
            checks.assertValidWithDss(outcome.container(), in.resolve(outcome.fileName()), SignatureLevel.B);
        }
        assertThat(sandbox.csc().calls("oauth2/token"))
                .as("no client credentials")
                .isEqualTo(tokens + 1);
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private SealReport seal(Path in, Path out) throws Exception {
        KafkaBroker broker = suite.getBean(KafkaBroker.class);
        StandaloneProperties properties = suite.getBean(StandaloneProperties.class);
        GatewayProperties gateway =
                suite.getBean(SuiteServices.class).context("gateway").getBean(GatewayProperties.class);
        try (PrintStream printer = new PrintStream(new ByteArrayOutputStream(), true, UTF_8)) {
            return new Sealer(
                            new KafkaSealClients(
                                    broker.bootstrapServers(),
                                    properties.kafka().partitions(),
                                    BrokerConfig.MAX_MESSAGE_BYTES),
                            suite.getBean(SuiteServices.class)
                                    .context("gateway")
                                    .getBean(BlobStore.class),
                            Topics.defaults(),
                            gateway.maxDocumentSize().toBytes(),
                            printer)
                    .seal(
                            in,
                            out,
                            SignatureLevel.B,
                            Provider.CSC,
                            suite.getBean(Sandbox.class).trustAnchorPem(),
                            properties.sealTimeout());
        }
    }

    private static Path documents(String prefix, int count) throws Exception {
        Path dir = Files.createDirectories(work.resolve(prefix + "-in"));
        for (int i = 1; i <= count; i++) {
            Files.writeString(
                    dir.resolve("%s-%d.xml".formatted(prefix, i)),
                    "<Invoice><ID>%s-%d</ID></Invoice>\n".formatted(prefix, i));
        }
        return dir;
    }
}
