package dev.signingsuite.provider.smartid.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.provider.smartid.client.SmartIdResponseException.Check;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.smartid.SmartIdAccounts;
import dev.signingsuite.sandbox.smartid.SmartIdSettings;
import dev.signingsuite.testclock.TestClock;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the sandbox's Smart-ID simulator, with the §10 checks of every answer. */
class SmartIdClientTest {

    private static final Set<String> NOTIFICATION = Set.of("Notification");

    @TempDir
    static Path dataDir;

    private static Sandbox sandbox;
    private static SmartIdClient client;
    private static ResponseVerifier verifier;

    @BeforeAll
    static void start() {
        try {
            sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        sandbox.smartId()
                .configure(SmartIdSettings.defaults().withDelays(Duration.ofMillis(200), Duration.ofMillis(400)));
        SmartIdProperties properties = properties(sandbox);
        client = new SmartIdClient(HttpClient.newHttpClient(), properties);
        verifier = new ResponseVerifier(
                ResponseVerifier.readPem(sandbox.trustAnchorPem()), properties.certificateLevel(), TestClock.system());
    }

    static SmartIdProperties properties(Sandbox sandbox) {
        return new SmartIdProperties(
                sandbox.smartIdBaseUrl(),
                SmartIdSettings.DEMO_RP_UUID,
                "DEMO",
                "QUALIFIED",
                sandbox.trustAnchorPem(),
                "Sign invoice",
                Duration.ofSeconds(5),
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(4),
                new SmartIdProperties.Retry(3, Duration.ofMillis(100)),
                Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void noFaults() {
        sandbox.smartId().tamperSignatures(false);
        sandbox.smartId().reportLevel(null);
        sandbox.smartId().foreignCertificate(null);
    }

    @Test
    void signsByDocumentNumberAndTheAnswerPassesEveryCheck() throws Exception {
        X509Certificate certificate = certificateOf(SmartIdAccounts.OK);
        byte[] digest = sha256("data to be signed");
        SmartIdClient.NotificationSession session =
                client.notificationSignatureByDocument(SmartIdAccounts.OK, digest, HashAlgorithm.SHA_256);
        assertThat(session.verificationCode()).matches("[0-9]{4}");
        SessionStatus status = complete(session.sessionId());
        verifier.checkSignature(
                status,
                SmartIdAccounts.OK,
                certificate,
                digest,
                HashAlgorithm.SHA_256,
                NOTIFICATION,
                client.interactions());
        assertThat(ResponseVerifier.verifiesPss(
                        certificate, HashAlgorithm.SHA_256, sha256("other data"), status.signatureValue()))
                .isFalse();
    }

    @Test
    void signsByEtsiId() throws Exception {
        byte[] digest = sha256("etsi");
        SmartIdClient.NotificationSession session =
                client.notificationSignatureByEtsiId("PNOEE-40504040001", digest, HashAlgorithm.SHA_256);
        SessionStatus status = complete(session.sessionId());
        verifier.checkSignature(
                status,
                SmartIdAccounts.OK,
                certificateOf(SmartIdAccounts.OK),
                digest,
                HashAlgorithm.SHA_256,
                NOTIFICATION,
                client.interactions());
    }

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        X509Certificate certificate = certificateOf(SmartIdAccounts.OK);
        sandbox.smartId().tamperSignatures(true);
        byte[] digest = sha256("tampered");
        SessionStatus status =
                complete(client.notificationSignatureByDocument(SmartIdAccounts.OK, digest, HashAlgorithm.SHA_256)
                        .sessionId());
        assertThatThrownBy(() -> verifier.checkSignature(
                        status,
                        SmartIdAccounts.OK,
                        certificate,
                        digest,
                        HashAlgorithm.SHA_256,
                        NOTIFICATION,
                        client.interactions()))
                .isInstanceOfSatisfying(
                        SmartIdResponseException.class,
                        e -> assertThat(e.check()).isEqualTo(Check.SIGNATURE));
    }

    @Test
    void aCertificateOfAnotherPersonIsRefused() {
        sandbox.smartId().foreignCertificate(SmartIdAccounts.OK_ADULT);
        SmartIdClient.CertificateAnswer answer = client.certificate(SmartIdAccounts.OK);
        assertThatThrownBy(() ->
                        verifier.checkCertificate(answer.certificate(), answer.certificateLevel(), SmartIdAccounts.OK))
                .isInstanceOfSatisfying(
                        SmartIdResponseException.class,
                        e -> assertThat(e.getMessage()).contains("another person"));
    }

    @Test
    void aCertificateOfTooLowALevelIsRefused() {
        sandbox.smartId().reportLevel("ADVANCED");
        SmartIdClient.CertificateAnswer answer = client.certificate(SmartIdAccounts.OK);
        assertThatThrownBy(() ->
                        verifier.checkCertificate(answer.certificate(), answer.certificateLevel(), SmartIdAccounts.OK))
                .isInstanceOfSatisfying(
                        SmartIdResponseException.class,
                        e -> assertThat(e.getMessage()).contains("below QUALIFIED"));
    }

    @Test
    void aCertificateOutsideTheTrustAnchorsIsRefused() throws Exception {
        X509Certificate certificate = certificateOf(SmartIdAccounts.OK);
        ResponseVerifier otherAnchors = new ResponseVerifier(
                java.util.List.of(sandbox.pki().entity("seal").certificate()), "QUALIFIED", TestClock.system());
        assertThatThrownBy(() -> otherAnchors.checkCertificate(certificate, "QUALIFIED", SmartIdAccounts.OK))
                .isInstanceOfSatisfying(
                        SmartIdResponseException.class,
                        e -> assertThat(e.getMessage()).contains("not trusted"));
    }

    @Test
    void v9NegativeCasesAreRejected() throws Exception {
        X509Certificate certificate = certificateOf(SmartIdAccounts.OK);
        byte[] digest = sha256("negative");
        SessionStatus ok =
                complete(client.notificationSignatureByDocument(SmartIdAccounts.OK, digest, HashAlgorithm.SHA_256)
                        .sessionId());
        java.util.List<SessionStatus> broken = java.util.List.of(
                with(ok, 31, "0xbc", "SHA-256", "Notification", "OK", SmartIdAccounts.OK),
                with(ok, 32, "0x01", "SHA-256", "Notification", "OK", SmartIdAccounts.OK),
                with(ok, 32, "0xbc", "SHA-512", "Notification", "OK", SmartIdAccounts.OK),
                with(ok, 32, "0xbc", "SHA-256", "Carrier pigeon", "OK", SmartIdAccounts.OK),
                with(ok, 32, "0xbc", "SHA-256", "Notification", "OK", SmartIdAccounts.OK_ADULT));
        for (SessionStatus status : broken) {
            assertThatThrownBy(() -> verifier.checkSignature(
                            status,
                            SmartIdAccounts.OK,
                            certificate,
                            digest,
                            HashAlgorithm.SHA_256,
                            NOTIFICATION,
                            client.interactions()))
                    .isInstanceOf(SmartIdResponseException.class);
        }
        // Unchanged, it passes: the failures above are the changed field's.
        verifier.checkSignature(
                with(ok, 32, "0xbc", "SHA-256", "Notification", "OK", SmartIdAccounts.OK),
                SmartIdAccounts.OK,
                certificate,
                digest,
                HashAlgorithm.SHA_256,
                NOTIFICATION,
                client.interactions());
    }

    @Test
    void errorsSayWhetherToRetry() {
        assertThatThrownBy(() -> client.certificate("PNOEE-00000000000-NONE-Q"))
                .isInstanceOfSatisfying(SmartIdCallException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.isTransient()).isFalse();
                });
        sandbox.smartId().injectStatus(580, 1);
        assertThatThrownBy(() -> client.certificate(SmartIdAccounts.OK))
                .isInstanceOfSatisfying(
                        SmartIdCallException.class,
                        e -> assertThat(e.isTransient()).isTrue());
        assertThatThrownBy(
                        () -> client.sessionStatus(java.util.UUID.randomUUID().toString())
                                .join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        SmartIdCallException.class,
                        e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void invalidRequestsNeverLeave() {
        int before = sandbox.smartId().sessionsCreated();
        assertThatThrownBy(() ->
                        client.notificationSignatureByDocument(SmartIdAccounts.OK, new byte[31], HashAlgorithm.SHA_256))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> client.notificationSignatureByDocument("../admin", new byte[32], HashAlgorithm.SHA_256))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.notificationSignatureByEtsiId("pnoee-1", new byte[32], HashAlgorithm.SHA_256))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sandbox.smartId().sessionsCreated()).isEqualTo(before);
    }

    @Test
    void refusalsComeBackAsEndResults() throws Exception {
        SessionStatus status = complete(client.notificationSignatureByDocument(
                        SmartIdAccounts.REFUSED_DISPLAY_TEXT, sha256("refuse"), HashAlgorithm.SHA_256)
                .sessionId());
        assertThat(status.endResult()).isEqualTo("USER_REFUSED_INTERACTION");
        assertThat(status.interaction()).isEqualTo("displayTextAndPIN");
        assertThat(status.signatureValue()).isNull();
    }

    private static SessionStatus with(
            SessionStatus s, int salt, String trailer, String mgfHash, String flow, String endResult, String document) {
        return new SessionStatus(
                s.state(),
                endResult,
                s.interaction(),
                document,
                s.signatureProtocol(),
                s.signatureValue(),
                s.signatureAlgorithm(),
                s.hashAlgorithm(),
                s.maskGenAlgorithm(),
                mgfHash,
                salt,
                trailer,
                flow,
                s.certificate(),
                s.certificateLevel(),
                s.interactionTypeUsed(),
                s.serverRandom(),
                s.userChallenge());
    }

    private static X509Certificate certificateOf(String document) {
        SmartIdClient.CertificateAnswer answer = client.certificate(document);
        assertThat(answer.state()).isEqualTo("OK");
        verifier.checkCertificate(answer.certificate(), answer.certificateLevel(), document);
        return answer.certificate();
    }

    private static SessionStatus complete(String sessionId) throws Exception {
        for (int i = 0; i < 10; i++) {
            SessionStatus status = client.sessionStatus(sessionId).get(20, TimeUnit.SECONDS);
            if (!status.running()) {
                return status;
            }
        }
        throw new AssertionError("session " + sessionId + " never completed");
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
