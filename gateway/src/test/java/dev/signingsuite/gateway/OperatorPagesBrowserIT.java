package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.Lane;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator and person pages as a person meets them: Debian's chromium, headless, driven by
 * Selenium through Debian's chromedriver, asserting on the DOM after the page's own script ran (local
 * times). The browser runs in Europe/Riga, so a time the providers state in UTC must show two hours
 * later. The providers' internal endpoints answer from a small HTTP server, with the bodies the real
 * provider-csc, provider-eparaksts and provider-smartid give. Screenshots of every page go to
 * {@code target/browser-screenshots/}. Fails, never skips, where chromium or chromedriver is missing.
 */
class OperatorPagesBrowserIT extends RunningGateway {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/browser-screenshots");
    // 08:00 UTC is 10:00 in Riga in January (EET, UTC+2).
    static final String EXPIRES = "2030-01-15T08:00:00Z";
    static final String AUTHORISED_CSC =
            "{\"state\":\"AUTHORISED\",\"accessTokenExpiresAt\":\"" + EXPIRES + "\",\"refreshable\":false}";
    static final String AUTHORISED_SEAL =
            "{\"state\":\"AUTHORISED\",\"expiresAt\":\"" + EXPIRES + "\",\"seals\":[\"qsealc\"]}";
    static final String ONE_APPROVAL = "[{\"id\":\"group-1\",\"subject\":\"sandbox-seal-oauth\",\"documents\":1,"
            + "\"documentIds\":[\"d-1\"],\"state\":\"WAITING\",\"expiresAt\":\"2030-01-15T08:30:00Z\"}]";

    static final HttpServer PROVIDERS = providers();

    static ChromeDriverService driverService;
    static WebDriver browser;

    @DynamicPropertySource
    static void operatorPages(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + PROVIDERS.getAddress().getPort();
        registry.add("signing.gateway.operator.csc-url", () -> base);
        registry.add("signing.gateway.operator.eparaksts-url", () -> base);
        registry.add("signing.gateway.smartid.provider-url", () -> base);
    }

    @BeforeAll
    static void startBrowser() {
        assertThat(CHROMIUM)
                .as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run installs it)")
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as("Debian's chromedriver (apt-get install chromium-driver; .ci/run installs it)")
                .isExecutable();
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "Europe/Riga"))
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--window-size=1000,800",
                        "--lang=en-GB");
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        PROVIDERS.stop(0);
    }

    private String screenshot;

    @BeforeEach
    void name(TestInfo test) {
        screenshot = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void keepScreenshot() throws IOException {
        shoot(screenshot);
    }

    @Test
    void theCscPageSaysTheStateInWordsTimesInLocalTimeAndAnUnknownApprovalIsNotFound() throws IOException {
        open("/operator/csc");
        assertThat(text("state")).isEqualTo("The CSC service is authorised");
        assertThat(text("next")).contains("Nothing to do").contains("Log in again before it expires");
        assertThat(text("details"))
                .contains("authorised")
                .contains("2030")
                .contains("10:00")
                .doesNotContain("08:00")
                .doesNotContain("{")
                .doesNotContain("accessTokenExpiresAt");
        String approval = browser.findElement(By.cssSelector("#approvals li")).getText();
        assertThat(approval)
                .contains("sandbox-seal-oauth: 1 document,")
                .contains("waiting for approval")
                .contains("10:30")
                .doesNotContain("08:30")
                .doesNotContain("1 documents");
        assertThat(browser.findElement(By.cssSelector("a.approve")).getText()).isEqualTo("Approve 1 document");
        shoot("csc-page");

        open("/operator/csc/approvals/no-such-group");
        assertThat(text("state")).isEqualTo("No such approval");
        assertThat(text("next")).contains("approved already, has expired");
        assertThat(http.get()
                        .uri("/operator/csc/approvals/no-such-group")
                        .exchange()
                        .returnResult()
                        .getStatus()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void theEparakstsCallbackWithABadStateSaysNothingChangedWhileTheSealStaysAuthorised() {
        open("/eparaksts/callback?code=abc&state=forged");
        assertThat(text("state")).isEqualTo("This login could not be completed");
        assertThat(text("next")).contains("too old or had been used already").contains("Nothing changed");
        assertThat(text("details"))
                .contains("authorised")
                .contains("qsealc")
                .contains("10:00")
                .doesNotContain("UTC");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .doesNotContainIgnoringCase("did not authorise")
                .doesNotContain("AUTHORISED");
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("Log in again");

        open("/operator/eparaksts");
        assertThat(text("state")).isEqualTo("Sealing is authorised");
    }

    @Test
    void aPersonsSmartIdPageOpensWithoutTheApiKeyAndRefusesATamperedLink() throws Exception {
        String documentId = post(
                        "/v1/documents",
                        DEMO_KEY,
                        Uploads.files("file", "person.pdf")
                                .field("provider", "smartid")
                                .field("signer", "PNOEE-30303039914"),
                        202)
                .get("documentId")
                .asString();
        var received =
                recorder.await(TOPICS.documentReceived(Lane.INTERACTIVE).name(), r -> documentId.equals(r.key()), WAIT);
        publish(
                TOPICS.signatureRequested().name(),
                documentId,
                Lifecycle.requested(EventJson.read(received.value(), DocumentReceived.class), "4321"));
        String page = awaitStatus(documentId, "SIGNATURE_REQUESTED")
                .get("personPageUrl")
                .asString();

        open(page);
        // The page reloads itself each second while the person acts: wait on the element, not once.
        awaitText("status", "Waiting for your confirmation in the Smart-ID app");
        assertThat(text("code")).isEqualTo("4321");
        assertThat(text("next")).contains("verification code");
        assertThat(text("file")).isEqualTo("person.pdf");
        // In the browser's zone (Riga: UTC+2 in winter, UTC+3 in summer), not the UTC the page was sent in.
        assertThat(text("updated")).matches(".*(GMT\\+[23]|EES?T).*").doesNotContain("UTC");
        shoot("person-page");

        int at = page.length() - 10;
        open(page.substring(0, at) + (page.charAt(at) == 'A' ? 'B' : 'A') + page.substring(at + 1));
        assertThat(text("status")).isEqualTo("This link is not valid");
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("4321");
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    // Found and read again if the page reloaded itself in between (the person page does, each second).
    private String text(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(5))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(driver -> driver.findElement(By.id(id)).getText());
    }

    private void awaitText(String id, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.textToBe(By.id(id), expected));
    }

    private static void shoot(String name) throws IOException {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** provider-csc's, provider-eparaksts's and provider-smartid's internal endpoints, as they answer. */
    private static HttpServer providers() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                int status = 200;
                String body;
                if (path.equals("/csc/authorisation")) {
                    body = AUTHORISED_CSC;
                } else if (path.equals("/csc/approvals")) {
                    body = ONE_APPROVAL;
                } else if (path.equals("/eparaksts/authorisation")) {
                    body = AUTHORISED_SEAL;
                } else if (path.equals("/eparaksts/callback")) {
                    // provider-eparaksts: a state it did not issue is a bad request, answered with
                    // the authorisation as it stands (still in place).
                    status = 400;
                    body = AUTHORISED_SEAL;
                } else {
                    // provider-csc's /csc/approvals/{id}/start for an id it does not hold, and anything else.
                    status = 404;
                    body = "";
                }
                byte[] bytes = body.getBytes(UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
