package dev.signingsuite.provider.csc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery, credential descriptions, SCAL 1 and SCAL 2 authorisation, explicit factors and the
 * three signature algorithms, against the sandbox's CSC simulator and its credential catalogue.
 */
class CscCredentialsTest {

    static final String RSA = "sandbox-seal";
    static final String EC = "sandbox-seal-ec";
    static final String OTP = "sandbox-seal-otp";
    static final String OAUTH = "sandbox-seal-oauth";

    @TempDir
    static java.nio.file.Path dataDir;

    static Sandbox sandbox;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void resetCounters() {
        sandbox.csc().resetCounters();
    }

    @Test
    void infoDecidesHowTheServiceTokenIsObtained() {
        CscClient client = client();

        ServiceInfo info = client.info();
        List<String> listed = client.listCredentials();

        assertThat(info.authTypes()).contains("oauth2client");
        assertThat(info.offers("signatures/signHash")).isTrue();
        assertThat(info.offers("signatures/signDoc")).isFalse();
        assertThat(listed).contains(RSA, EC, OTP, OAUTH);
        assertThat(sandbox.csc().calls("oauth2/token")).as("client credentials").isEqualTo(1);
        assertThat(sandbox.csc().calls("auth/login")).isZero();
        client.info();
        assertThat(sandbox.csc().calls("info")).as("asked once").isEqualTo(1);
    }

    @Test
    void eachCredentialIsDescribedOnceWithKeyChainAuthModeAndScal() {
        CscClient client = client();

        CscCredential rsa = client.credential(RSA);
        CscCredential ec = client.credential(EC);
        CscCredential otp = client.credential(OTP);
        CscCredential oauth = client.credential(OAUTH);
        client.credential(EC);

        assertThat(rsa.ecKey()).isFalse();
        assertThat(rsa.scal()).isEqualTo(1);
        assertThat(rsa.authMode()).isEqualTo(CscCredential.AuthMode.IMPLICIT);
        assertThat(rsa.sha256Signing(false).orElseThrow().signAlgo()).isEqualTo(CscCredential.SHA256_WITH_RSA);
        assertThat(rsa.sha256Signing(true).orElseThrow().signAlgo()).isEqualTo(CscCredential.RSASSA_PSS);

        assertThat(ec.ecKey()).isTrue();
        assertThat(ec.scal()).isEqualTo(2);
        assertThat(ec.authMode()).isEqualTo(CscCredential.AuthMode.EXPLICIT);
        assertThat(ec.factorIds()).containsExactly("PIN");
        assertThat(ec.sha256Signing(false).orElseThrow().signAlgo()).isEqualTo(CscCredential.ECDSA_WITH_SHA256);
        assertThat(ec.signingCertificate().getCertificate())
                .isEqualTo(sandbox.csc().certificate(EC));
        assertThat(ec.issuers()).isNotEmpty();

        assertThat(otp.factorIds()).containsExactlyInAnyOrder("PIN", "OTP");
        assertThat(oauth.authMode()).isEqualTo(CscCredential.AuthMode.OAUTH2CODE);
        assertThat(sandbox.csc().calls("credentials/info"))
                .as("cached per credential")
                .isEqualTo(4);
    }

    @Test
    void scal2EcdsaSignsExactlyTheAuthorisedHashesUnderOneSad() throws Exception {
        CscClient client = client();
        CscCredential ec = client.credential(EC);
        List<byte[]> data = List.of(bytes("a"), bytes("b"), bytes("c"));
        List<byte[]> hashes = data.stream().map(CscCredentialsTest::sha256).toList();

        CscClient.Sad sad =
                client.authorize(EC, 3, hashes, CscCredential.SHA256, List.of(new CscClient.Factor("PIN", "123456")));
        List<byte[]> values =
                client.signHash(sad, hashes, ec.sha256Signing(false).orElseThrow());

        X509Certificate certificate = sandbox.csc().certificate(EC);
        for (int i = 0; i < data.size(); i++) {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data.get(i));
            assertThat(verifier.verify(values.get(i)))
                    .as("DER ECDSA value %d", i)
                    .isTrue();
        }
        assertThat(sandbox.csc().authorizations(EC)).isEqualTo(1);
        assertThat(sandbox.csc().signHashSizes(EC)).containsExactly(3);
    }

    @Test
    void aScal2SadReplayedForOtherHashesIsRefusedAndSpendsNothing() {
        CscClient client = client();
        CscCredential.HashSigning ecdsa =
                client.credential(EC).sha256Signing(false).orElseThrow();
        List<byte[]> authorised = List.of(sha256(bytes("invoice-1")), sha256(bytes("invoice-2")));
        List<byte[]> others = List.of(sha256(bytes("forged-1")), sha256(bytes("forged-2")));
        CscClient.Sad sad = client.authorize(
                EC, 2, authorised, CscCredential.SHA256, List.of(new CscClient.Factor("PIN", "123456")));

        assertThatThrownBy(() -> client.signHash(sad, others, ecdsa))
                .isInstanceOfSatisfying(CscCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.isHashNotAuthorized()).isTrue();
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.isExpiredSad()).isFalse();
                });
        assertThat(client.signHash(sad, authorised, ecdsa)).hasSize(2);
    }

    @Test
    void aWrongPinIsAnAuthorisationRefusal() {
        CscClient client = client();
        List<byte[]> hashes = List.of(sha256(bytes("a")));

        assertThatThrownBy(() -> client.authorize(
                        EC, 1, hashes, CscCredential.SHA256, List.of(new CscClient.Factor("PIN", "000000"))))
                .isInstanceOfSatisfying(CscCallException.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_authentication_data");
                    assertThat(e.isAuthorisationRefused()).isTrue();
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("000000");
                });
    }

    @Test
    void theOtpIsSentToItsHolderAndOnlyTheRightOneAuthorises() {
        CscClient client = client();

        client.sendOtp(OTP, "OTP");
        String sent = sandbox.csc().lastOtp(OTP).orElseThrow();
        String wrong = sent.equals("000000") ? "111111" : "000000";

        assertThatThrownBy(() -> client.authorize(
                        OTP,
                        1,
                        null,
                        null,
                        List.of(new CscClient.Factor("PIN", "654321"), new CscClient.Factor("OTP", wrong))))
                .isInstanceOfSatisfying(
                        CscCallException.class,
                        e -> assertThat(e.isAuthorisationRefused()).isTrue());
        CscClient.Sad sad = client.authorize(
                OTP, 1, null, null, List.of(new CscClient.Factor("PIN", "654321"), new CscClient.Factor("OTP", sent)));
        assertThat(sad.numSignatures()).isEqualTo(1);
    }

    @Test
    void rsassaPssValuesVerifyWithTheAnnouncedParameters() throws Exception {
        CscClient client = client();
        CscCredential.HashSigning pss =
                client.credential(RSA).sha256Signing(true).orElseThrow();
        byte[] data = bytes("pss");

        List<byte[]> values = client.signHash(client.authorize(1), List.of(sha256(data)), pss);

        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        verifier.initVerify(sandbox.csc().certificate(RSA).getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(values.get(0))).isTrue();
    }

    @Test
    void closingRevokesTheServiceToken() {
        CscClient client = client();
        client.credential(RSA);

        client.close();
        client.credential(OTP);

        assertThat(sandbox.csc().calls("oauth2/revoke")).isEqualTo(1);
        assertThat(sandbox.csc().calls("oauth2/token"))
                .as("a new token after the revoked one")
                .isEqualTo(2);
    }

    private CscClient client() {
        return new CscClient(
                HttpClient.newHttpClient(),
                CscClientTest.properties(sandbox.cscBaseUrl(), "sandbox-secret", RSA),
                TestClock.system(),
                meters);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
