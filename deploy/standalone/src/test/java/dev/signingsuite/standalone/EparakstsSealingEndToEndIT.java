package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.eparaksts.EparakstsSimulator;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code seal --provider eparaksts} through every service on the in-process broker, against the
 * eParaksts simulator: every container valid at LT, no call larger than a group may be, and the
 * authorisation ended by the platform in the middle of the run without a document failing.
 *
 * <p>CI seals {@code eparaksts.documents} (default 300); the load run is {@code ./mvnw -pl
 * deploy/standalone verify -Dit.test=EparakstsSealingEndToEndIT -Deparaksts.documents=10000}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EparakstsSealingEndToEndIT {

    private static final Logger log = LoggerFactory.getLogger(EparakstsSealingEndToEndIT.class);
    private static final int DOCUMENTS = Integer.getInteger("eparaksts.documents", 300);

    @TempDir
    static Path work;

    private ConfigurableApplicationContext suite;
    private ContainerChecks checks;

    @BeforeAll
    void startSuite() throws Exception {
        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"),
                "--standalone.services.log-level=WARN",
                "--standalone.seal-timeout=60m",
                "--standalone.ready-banner=false"));
        checks = new ContainerChecks(suite.getBean(Sandbox.class).trustAnchorPem());
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void documentsAreSealedAtLtInBatchesAndTheAuthorisationEndingMidRunLosesNothing() throws Exception {
        EparakstsSimulator simulator = suite.getBean(Sandbox.class).eparaksts();
        simulator.resetCounters();
        Path in = documents(work.resolve("eparaksts-in"));
        Path out = work.resolve("eparaksts-out");

        // The platform ends the authorisation once a third of the documents are signed.
        AtomicInteger expired = new AtomicInteger();
        Thread expirer = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (simulator.signatures() >= DOCUMENTS / 3) {
                    expired.set(simulator.expireUserTokens());
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        expirer.start();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SealReport report;
        try (PrintStream printer = new PrintStream(console, true, UTF_8)) {
            report = SealCommand.run(suite, new SealOptions(in, out, SignatureLevel.LT, Provider.EPARAKSTS), printer);
            report.print(printer);
        } finally {
            expirer.interrupt();
        }
        log.info("eparaksts:{}", console.toString(UTF_8));

        assertThat(report.outcomes()).hasSize(DOCUMENTS);
        assertThat(report.outcomes())
                .filteredOn(outcome -> !outcome.succeeded())
                .extracting(SealOutcome::failure)
                .isEmpty();
        assertThat(report.allSealed()).isTrue();
        assertThat(expired.get()).as("the authorisation was ended mid-run").isPositive();
        assertThat(simulator.calls("authorize"))
                .as("re-authorised after it ended")
                .isGreaterThanOrEqualTo(1);

        List<Integer> batches = simulator.batchSizes();
        int signed = batches.stream().mapToInt(Integer::intValue).sum();
        double mean = (double) signed / batches.size();
        String numbers =
                "eParaksts: %d documents, %d raw/batch calls, %d signatures, mean batch size %.1f, %d server/raw calls, elapsed %s"
                        .formatted(
                                DOCUMENTS,
                                batches.size(),
                                signed,
                                mean,
                                simulator.calls("server/raw"),
                                report.elapsed());
        System.out.println(numbers);
        log.info(numbers);
        assertThat(signed).isGreaterThanOrEqualTo(DOCUMENTS);
        // A call is as large as its consumer thread's backlog: one thread per partition takes what
        // arrived while its last call was in flight, and the sandbox approves each poll's group in
        // the poll (provider-eparaksts README, issue 20). A trickle from hash-service makes small calls.
        assertThat(batches).as(numbers).allSatisfy(size -> assertThat(size).isBetween(1, 1000));
        assertThat(batches.size()).as(numbers).isLessThanOrEqualTo(DOCUMENTS);

        checks.assertEveryContainerValid(in, out, SignatureLevel.LT);
    }

    @Test
    void aTenantAskingForASealItMayNotUseIsRefusedWith403() throws Exception {
        int gateway = port("gateway");
        // The demo tenant may use eparaksts "qsealc" only, not the logistics company's seal.
        HttpResponse<String> refused = upload(gateway, "CN:Sandbox Logistics SIA : eZīmogs");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Signer not allowed");
        assertThat(upload(gateway, "qsealc").statusCode()).isEqualTo(202);
    }

    @Test
    void theGatewayOperatorPageShowsTheAuthorisationAndItsLoginAuthorisesAgain() throws Exception {
        Sandbox sandbox = suite.getBean(Sandbox.class);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port("gateway") + "/operator/eparaksts"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Sealing is authorised")
                .contains("CN:Sandbox Invoicing SIA : eZīmogs")
                .contains("CN:Sandbox Logistics SIA : eZīmogs");

        // The page's button, followed as a browser would: the gateway's login, the platform, and
        // back to the gateway's callback; the browser never talks to provider-eparaksts.
        URI gateway = URI.create("http://127.0.0.1:" + port("gateway") + "/");
        String href = page.body().replaceAll("(?s).*id=\"login\" href=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login =
                http.send(HttpRequest.newBuilder(gateway.resolve(href)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString())
                .startsWith(sandbox.eparakstsBaseUrl() + "/trustedx-authserver/oauth/lvrtc-eipsign-as?");
        int before = sandbox.eparaksts().calls("token");
        HttpResponse<String> approved =
                http.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        URI redirect = URI.create(approved.headers().firstValue("Location").orElseThrow());
        assertThat(redirect.getPort()).isEqualTo(port("gateway"));
        assertThat(redirect.getPath()).isEqualTo("/eparaksts/callback");
        HttpResponse<String> callback =
                http.send(HttpRequest.newBuilder(redirect).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).contains("/operator/eparaksts");
        assertThat(sandbox.eparaksts().calls("token")).isEqualTo(before + 1);
        HttpResponse<String> after = http.send(
                HttpRequest.newBuilder(gateway.resolve("/operator/eparaksts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.body()).contains("Sealing is authorised");

        // A forged or replayed callback is refused and authorises nothing.
        HttpResponse<String> replayed =
                http.send(HttpRequest.newBuilder(redirect).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(sandbox.eparaksts().calls("token")).isEqualTo(before + 1);
    }

    private int port(String service) {
        return suite.getBean(SuiteServices.class).running().stream()
                .filter(r -> r.name().equals(service))
                .findFirst()
                .orElseThrow()
                .port();
    }

    private static HttpResponse<String> upload(int port, String signer) throws Exception {
        String boundary = "----eparaksts" + System.nanoTime();
        String body = "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"invoice.xml\"\r\n"
                + "Content-Type: application/xml\r\n\r\n<Invoice><ID>403</ID></Invoice>\r\n--" + boundary + "--\r\n";
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/documents?provider=eparaksts&signer="
                + java.net.URLEncoder.encode(signer, UTF_8) + "&level=B");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .header("X-API-Key", "demo-key")
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** XML and text invoices of different sizes, so the containers differ as real ones would. */
    private static Path documents(Path dir) throws Exception {
        Files.createDirectories(dir);
        Random random = new Random(5);
        for (int i = 1; i <= DOCUMENTS; i++) {
            String number = "SEAL-%05d".formatted(i);
            if (i % 2 == 0) {
                StringBuilder lines = new StringBuilder();
                for (int line = 1, count = 1 + random.nextInt(20); line <= count; line++) {
                    lines.append("<InvoiceLine><ID>%d</ID><Amount>%d.00</Amount></InvoiceLine>\n"
                            .formatted(line, random.nextInt(10_000)));
                }
                Files.writeString(
                        dir.resolve(number + ".xml"),
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice><ID>%s</ID>\n%s</Invoice>\n"
                                .formatted(number, lines));
            } else {
                Files.writeString(
                        dir.resolve(number + ".txt"),
                        "Remittance advice %s, amount %d.%02d EUR%n".formatted(number, random.nextInt(5000), i % 100));
            }
        }
        return dir;
    }
}
