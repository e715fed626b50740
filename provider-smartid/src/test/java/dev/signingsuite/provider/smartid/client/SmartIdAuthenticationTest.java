package dev.signingsuite.provider.smartid.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.provider.smartid.client.DeviceLinks.SessionType;
import dev.signingsuite.provider.smartid.client.SmartIdResponseException.Check;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.smartid.SmartIdAccounts;
import dev.signingsuite.sandbox.smartid.SmartIdSettings;
import dev.signingsuite.testclock.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * ACSP_V2 authentication (issue 23) against the sandbox's simulator: notification and device-link
 * round trips verify, and every tampered answer (challenge, server random, interactions, flow type,
 * another person's key) is refused.
 */
class SmartIdAuthenticationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LOG_IN = Interactions.displayTextAndPin("Log in to Signing Suite");

    @TempDir
    static Path dataDir;

    private static Sandbox sandbox;
    private static SmartIdClient client;
    private static AuthenticationVerifier verifier;
    private static String scheme;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0));
        sandbox.smartId()
                .configure(SmartIdSettings.defaults().withDelays(Duration.ofMillis(100), Duration.ofMillis(300)));
        SmartIdProperties shared = SmartIdClientTest.properties(sandbox);
        // One attempt with a long timeout: authentication POSTs are not retried (a retry needs a new rpChallenge).
        SmartIdProperties properties = new SmartIdProperties(
                shared.baseUrl(),
                shared.relyingPartyUuid(),
                shared.relyingPartyName(),
                shared.certificateLevel(),
                shared.trustAnchors(),
                shared.displayText(),
                shared.pollTimeout(),
                shared.sessionTimeout(),
                shared.connectTimeout(),
                Duration.ofSeconds(12),
                new SmartIdProperties.Retry(1, Duration.ofMillis(100)),
                Duration.ofMinutes(1));
        client = new SmartIdClient(HttpClient.newHttpClient(), properties);
        scheme = sandbox.smartId().settings().schemeName();
        verifier = new AuthenticationVerifier(
                new ResponseVerifier(
                        ResponseVerifier.readPem(sandbox.trustAnchorPem()), "QUALIFIED", TestClock.system()),
                scheme);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void noFaults() {
        sandbox.smartId().tamperSignatures(false);
        sandbox.smartId().foreignCertificate(null);
    }

    @Test
    void notificationRoundTripVerifiesAndSaysWhoItWas() throws Exception {
        AuthenticationSession session = client.notificationAuthentication(SmartIdAccounts.OK, LOG_IN);
        assertThat(session.verificationCode())
                .matches("[0-9]{4}")
                .isEqualTo(VerificationCodes.forRpChallenge(session.rpChallenge()));
        SessionStatus status = complete(session.sessionId());
        assertThat(status.signatureValue()).hasSize(768); // RSA-6144, as Smart-ID's keys
        AuthenticationVerifier.Identity person = verifier.verify(status, session, null);
        assertThat(person.documentNumber()).isEqualTo(SmartIdAccounts.OK);
        assertThat(person.etsiId()).isEqualTo("PNOEE-40504040001");
        assertThat(person.givenName()).isEqualTo("OK");
        assertThat(person.surname()).isEqualTo("TESTNUMBER");
        assertThat(person.country()).isEqualTo("EE");
        assertThat(person.certificateLevel()).isEqualTo("QUALIFIED");
    }

    @Test
    void anonymousDeviceLinkRoundTripVerifies() throws Exception {
        AuthenticationSession session = client.deviceLinkAuthentication(null, LOG_IN);
        assertThat(session.verificationCode()).isNull();
        scan(session, "QR", SmartIdAccounts.OK_ADULT);
        SessionStatus status = complete(session.sessionId());
        assertThat(status.flowType()).isEqualTo("QR");
        assertThat(verifier.verify(status, session, null).documentNumber()).isEqualTo(SmartIdAccounts.OK_ADULT);
    }

    @Test
    void web2AppNeedsTheCallbacksUserChallengeVerifier() throws Exception {
        String callback = "https://rp.example.com/smart-id/callback?value=" + java.util.UUID.randomUUID();
        AuthenticationSession session = client.deviceLinkAuthentication(callback, LOG_IN);
        scan(session, "Web2App", SmartIdAccounts.OK);
        SessionStatus status = complete(session.sessionId());
        String opened = sandbox.smartId().openedCallbacks().stream()
                .filter(url -> url.startsWith(callback + "&"))
                .findFirst()
                .orElseThrow();
        String verifierValue = opened.substring(opened.indexOf("userChallengeVerifier=") + 22);
        assertThat(opened)
                .contains("sessionSecretDigest="
                        + DeviceLinks.sessionSecretDigest(session.deviceLink().sessionSecret()));
        assertThat(verifier.verify(status, session, verifierValue).documentNumber())
                .isEqualTo(SmartIdAccounts.OK);
        assertRefused(() -> verifier.verify(status, session, null), Check.PROTOCOL, "userChallengeVerifier");
        assertRefused(
                () -> verifier.verify(status, session, verifierValue.substring(1) + "A"),
                Check.PROTOCOL,
                "userChallengeVerifier");
    }

    @Test
    void tamperedAnswersAreRefused() throws Exception {
        AuthenticationSession session = client.notificationAuthentication(SmartIdAccounts.OK, LOG_IN);
        SessionStatus ok = complete(session.sessionId());
        verifier.verify(ok, session, null);

        // The challenge: the answer is for another rpChallenge than this session's.
        AuthenticationSession otherChallenge = new AuthenticationSession(
                session.sessionId(),
                Base64.getEncoder().encodeToString(new byte[64]),
                session.hash(),
                session.relyingPartyName(),
                session.interactions(),
                session.initialCallbackUrl(),
                session.documentNumber(),
                session.offeredFlows(),
                session.verificationCode(),
                session.deviceLink());
        assertRefused(() -> verifier.verify(ok, otherChallenge, null), Check.SIGNATURE, "does not verify");

        // The server random.
        String random = ok.serverRandom();
        SessionStatus otherRandom =
                with(ok, s -> copy(s, "serverRandom", (random.charAt(0) == 'A' ? "B" : "A") + random.substring(1)));
        assertRefused(() -> verifier.verify(otherRandom, session, null), Check.SIGNATURE, "does not verify");

        // The interactions: one never offered, and another interactions string than the one sent.
        assertRefused(
                () -> verifier.verify(copy(ok, "interactionTypeUsed", "confirmationMessage"), session, null),
                Check.PROTOCOL,
                "interactionTypeUsed confirmationMessage was not offered");
        AuthenticationSession otherInteractions = new AuthenticationSession(
                session.sessionId(),
                session.rpChallenge(),
                session.hash(),
                session.relyingPartyName(),
                Interactions.displayTextAndPin("Log in to another service"),
                session.initialCallbackUrl(),
                session.documentNumber(),
                session.offeredFlows(),
                session.verificationCode(),
                session.deviceLink());
        assertRefused(() -> verifier.verify(ok, otherInteractions, null), Check.SIGNATURE, "does not verify");

        // The flow type: not offered for a notification session; offered, but not the one signed.
        assertRefused(
                () -> verifier.verify(copy(ok, "flowType", "QR"), session, null),
                Check.PROTOCOL,
                "flowType QR was not offered");
        AuthenticationSession anyFlow = new AuthenticationSession(
                session.sessionId(),
                session.rpChallenge(),
                session.hash(),
                session.relyingPartyName(),
                session.interactions(),
                session.initialCallbackUrl(),
                session.documentNumber(),
                java.util.Set.of("Notification", "QR"),
                session.verificationCode(),
                session.deviceLink());
        assertRefused(
                () -> verifier.verify(copy(ok, "flowType", "QR"), anyFlow, null), Check.SIGNATURE, "does not verify");

        // The signature value itself.
        sandbox.smartId().tamperSignatures(true);
        AuthenticationSession tampered = client.notificationAuthentication(SmartIdAccounts.OK, LOG_IN);
        SessionStatus bad = complete(tampered.sessionId());
        assertRefused(() -> verifier.verify(bad, tampered, null), Check.SIGNATURE, "does not verify");
    }

    @Test
    void anotherPersonsKeyIsRefused() throws Exception {
        // The simulator answers with OK_ADULT's authentication certificate while OK's key signed.
        sandbox.smartId().foreignCertificate(SmartIdAccounts.OK_ADULT);
        AuthenticationSession session = client.notificationAuthentication(SmartIdAccounts.OK, LOG_IN);
        SessionStatus status = complete(session.sessionId());
        assertRefused(() -> verifier.verify(status, session, null), Check.CERTIFICATE, "another person");
        // Claiming to be that person too does not help: the signature is not theirs.
        SessionStatus claimed = copy(status, "documentNumber", SmartIdAccounts.OK_ADULT);
        AuthenticationSession anyone = client.deviceLinkAuthentication(null, LOG_IN);
        AuthenticationSession sameChallengeAnyone = new AuthenticationSession(
                anyone.sessionId(),
                session.rpChallenge(),
                session.hash(),
                session.relyingPartyName(),
                session.interactions(),
                null,
                null,
                session.offeredFlows(),
                session.verificationCode(),
                null);
        assertRefused(() -> verifier.verify(claimed, sameChallengeAnyone, null), Check.SIGNATURE, "does not verify");
    }

    @Test
    void aSigningCertificateDoesNotAuthenticate() throws Exception {
        AuthenticationSession session = client.notificationAuthentication(SmartIdAccounts.OK, LOG_IN);
        SessionStatus status = complete(session.sessionId());
        byte[] signing = client.certificate(SmartIdAccounts.OK).certificate().getEncoded();
        assertRefused(
                () -> verifier.verify(with(status, s -> s.replaceCert(signing)), session, null),
                Check.CERTIFICATE,
                "not an authentication certificate");
    }

    private static void assertRefused(Runnable verification, Check check, String message) {
        assertThatThrownBy(verification::run).isInstanceOfSatisfying(SmartIdResponseException.class, e -> {
            assertThat(e.check()).as(e.getMessage()).isEqualTo(check);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private static void scan(AuthenticationSession session, String flowType, String documentNumber) throws Exception {
        SmartIdClient.DeviceLinkSession link = session.deviceLink();
        boolean qr = "QR".equals(flowType);
        String unprotected = DeviceLinks.unprotectedLink(
                link.deviceLinkBase(), flowType, qr ? 0L : null, link.sessionToken(), SessionType.AUTH, "eng");
        String deviceLink = DeviceLinks.link(
                unprotected,
                flowType,
                SessionType.AUTH,
                scheme,
                session.rpChallenge(),
                session.relyingPartyName(),
                null,
                session.interactions(),
                session.initialCallbackUrl(),
                link.sessionSecret());
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(sandbox.smartIdMockPhoneUrl())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                "documentNumber", documentNumber, "deviceLink", deviceLink, "flowType", flowType))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("ACCEPTED");
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

    private static SessionStatus with(SessionStatus status, UnaryOperator<Fields> change) {
        return change.apply(new Fields(status)).build();
    }

    private static SessionStatus copy(SessionStatus status, String field, String value) {
        return with(status, f -> f.set(field, value));
    }

    private static Fields copy(Fields fields, String field, String value) {
        return fields.set(field, value);
    }

    /** A mutable copy of an answer's fields, to change one at a time. */
    private static final class Fields {
        private SessionStatus s;

        Fields(SessionStatus s) {
            this.s = s;
        }

        Fields set(String field, String value) {
            s = new SessionStatus(
                    s.state(),
                    s.endResult(),
                    s.interaction(),
                    field.equals("documentNumber") ? value : s.documentNumber(),
                    s.signatureProtocol(),
                    s.signatureValue(),
                    s.signatureAlgorithm(),
                    s.hashAlgorithm(),
                    s.maskGenAlgorithm(),
                    s.maskGenHashAlgorithm(),
                    s.saltLength(),
                    s.trailerField(),
                    field.equals("flowType") ? value : s.flowType(),
                    s.certificate(),
                    s.certificateLevel(),
                    field.equals("interactionTypeUsed") ? value : s.interactionTypeUsed(),
                    field.equals("serverRandom") ? value : s.serverRandom(),
                    s.userChallenge());
            return this;
        }

        Fields replaceCert(byte[] certificate) {
            s = new SessionStatus(
                    s.state(),
                    s.endResult(),
                    s.interaction(),
                    s.documentNumber(),
                    s.signatureProtocol(),
                    s.signatureValue(),
                    s.signatureAlgorithm(),
                    s.hashAlgorithm(),
                    s.maskGenAlgorithm(),
                    s.maskGenHashAlgorithm(),
                    s.saltLength(),
                    s.trailerField(),
                    s.flowType(),
                    certificate,
                    s.certificateLevel(),
                    s.interactionTypeUsed(),
                    s.serverRandom(),
                    s.userChallenge());
            return this;
        }

        SessionStatus build() {
            return s;
        }
    }
}
