package dev.signingsuite.provider.csc.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.provider.csc.TestDocuments;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.csc.CscSettings;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage's work against the sandbox's CSC simulator, checked as augmentation-service will use it. */
class BatchSignerTest {

    @TempDir
    static Path dataDir;

    static Sandbox sandbox;
    static PkiEntity seal;
    final CAdESService cades = new CAdESService(new CommonCertificateVerifier());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0)
                .withCsc(CscSettings.defaults().withMultisign(5)));
        seal = sandbox.pki().entity(SandboxEntities.SEAL);
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
    void fiveDocumentsAreSignedWithOneAuthorizeAndOneSignHash() throws Exception {
        List<HashComputed> documents = documents(5, "sandbox-seal");

        List<SigningOutcome> outcomes = signer(10).sign(documents);

        assertThat(outcomes).hasSize(5).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(sandbox.csc().calls("credentials/authorize")).isEqualTo(1);
        assertThat(sandbox.csc().calls("signatures/signHash")).isEqualTo(1);
        assertThat(sandbox.csc().signHashSizes()).containsExactly(5);
        for (SigningOutcome outcome : outcomes) {
            SigningOutcome.Signed signed = (SigningOutcome.Signed) outcome;
            // What augmentation-service receives: the parameters after a trip through JSON.
            SignatureParameters parameters =
                    EventJson.read(EventJson.write(signed.parameters()), SignatureParameters.class);
            byte[] manifest = signed.document().manifest().content();
            DSSDocument cms = cades.signDocument(
                    DssParameters.manifest(signed.document().manifest()),
                    DssParameters.cadesBaselineB(parameters),
                    new SignatureValue(SignatureAlgorithm.RSA_SHA256, signed.signatureValue()));
            assertThat(verifiesWithBouncyCastle(cms, manifest))
                    .as("CMS of %s", signed.document().documentId())
                    .isTrue();
            assertThat(signed.parameters().signingCertificate())
                    .isEqualTo(seal.certificate().getEncoded());
            assertThat(signed.parameters().certificateChain())
                    .hasSize(seal.chain().size() - 1);
            assertThat(signed.dataToSignDigest())
                    .isEqualTo(MessageDigest.getInstance("SHA-256")
                            .digest(cades.getDataToSign(
                                            DssParameters.manifest(
                                                    signed.document().manifest()),
                                            DssParameters.cadesBaselineB(parameters))
                                    .getBytes()));
        }
        assertThat(meters.get("signing.provider.batch.size").summary().totalAmount())
                .isEqualTo(5);
    }

    @Test
    void anEcdsaScal2GroupIsSignedUnderOneSadBoundToItsHashes() throws Exception {
        List<HashComputed> documents = documents(4, "ec-seal");

        List<SigningOutcome> outcomes = signer(10).sign(documents);

        assertThat(outcomes).hasSize(4).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(sandbox.csc().authorizations("sandbox-seal-ec")).isEqualTo(1);
        assertThat(sandbox.csc().signHashSizes("sandbox-seal-ec")).containsExactly(4);
        java.security.cert.X509Certificate ec = sandbox.csc().certificate("sandbox-seal-ec");
        for (SigningOutcome outcome : outcomes) {
            SigningOutcome.Signed signed = (SigningOutcome.Signed) outcome;
            SignatureParameters parameters =
                    EventJson.read(EventJson.write(signed.parameters()), SignatureParameters.class);
            assertThat(parameters.signatureAlgorithm()).isEqualTo("ECDSA_SHA256");
            assertThat(parameters.signingCertificate()).isEqualTo(ec.getEncoded());
            DSSDocument cms = cades.signDocument(
                    DssParameters.manifest(signed.document().manifest()),
                    DssParameters.cadesBaselineB(parameters),
                    new SignatureValue(SignatureAlgorithm.ECDSA_SHA256, signed.signatureValue()));
            assertThat(verifiesWithBouncyCastle(
                            cms, signed.document().manifest().content(), ec))
                    .isTrue();
        }
    }

    @Test
    void aPollForTwoSignersIsSignedWithOneAuthorizeAndOneSignHashPerCredential() {
        List<HashComputed> documents = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            documents.add(TestDocuments.hashComputed("rsa-" + i, "sandbox-seal"));
            documents.add(TestDocuments.hashComputed("ec-" + i, "ec-seal"));
        }

        List<SigningOutcome> outcomes = signer(10).sign(documents);

        assertThat(outcomes).hasSize(6).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(sandbox.csc().calls("credentials/authorize")).isEqualTo(2);
        assertThat(sandbox.csc().signHashSizes("sandbox-seal")).containsExactly(3);
        assertThat(sandbox.csc().signHashSizes("sandbox-seal-ec")).containsExactly(3);
    }

    @Test
    void rsassaPssIsUsedWhereTheSignerPrefersItAndTheKeyOffersIt() throws Exception {
        List<SigningOutcome> outcomes = signer(10).sign(documents(2, "pss-seal"));

        assertThat(outcomes).hasSize(2).allMatch(SigningOutcome.Signed.class::isInstance);
        SigningOutcome.Signed signed = (SigningOutcome.Signed) outcomes.get(0);
        assertThat(signed.parameters().signatureAlgorithm()).isEqualTo("RSA_SSA_PSS_SHA256_MGF1");
        DSSDocument cms = cades.signDocument(
                DssParameters.manifest(signed.document().manifest()),
                DssParameters.cadesBaselineB(signed.parameters()),
                new SignatureValue(SignatureAlgorithm.RSA_SSA_PSS_SHA256_MGF1, signed.signatureValue()));
        assertThat(verifiesWithBouncyCastle(cms, signed.document().manifest().content(), seal.certificate()))
                .isTrue();
    }

    @Test
    void aWrongPinFailsTheGroupAsAuthorisationRequiredWithoutSigning() {
        List<SigningOutcome> outcomes = signer(10).sign(documents(3, "ec-wrong-pin"));

        assertThat(outcomes).hasSize(3).allSatisfy(o -> {
            assertThat(o).isInstanceOf(SigningOutcome.Failed.class);
            SigningOutcome.Failed failed = (SigningOutcome.Failed) o;
            assertThat(failed.reason()).isEqualTo(FailureReason.AUTHORISATION_REQUIRED);
            assertThat(failed.message()).contains("sandbox-seal-ec").contains("wrong PIN or OTP");
            assertThat(failed.message()).doesNotContain("999999");
        });
        assertThat(sandbox.csc().calls("credentials/authorize"))
                .as("never retried")
                .isEqualTo(1);
        assertThat(sandbox.csc().calls("signatures/signHash")).isZero();
    }

    @Test
    void aCredentialLockedAfterAWrongPinRefusesTheRightPinToo() {
        sandbox.csc().lockAfterFailures(1);
        try {
            signer(10).sign(documents(1, "ec-wrong-pin"));

            List<SigningOutcome> outcomes = signer(10).sign(documents(2, "ec-seal"));

            assertThat(outcomes).hasSize(2).allSatisfy(o -> {
                SigningOutcome.Failed failed = (SigningOutcome.Failed) o;
                assertThat(failed.reason()).isEqualTo(FailureReason.AUTHORISATION_REQUIRED);
                assertThat(failed.message()).contains("Credential locked");
            });
            assertThat(sandbox.csc().calls("signatures/signHash")).isZero();
        } finally {
            sandbox.csc().lockAfterFailures(0);
            sandbox.csc().unlock("sandbox-seal-ec");
        }
    }

    @Test
    void aDisabledKeyFailsTheGroupWithoutAnAuthorize() {
        sandbox.csc().disable("sandbox-seal", true);
        try {
            List<SigningOutcome> outcomes = signer(10).sign(documents(2, "sandbox-seal"));

            assertThat(outcomes).hasSize(2).allSatisfy(o -> {
                SigningOutcome.Failed failed = (SigningOutcome.Failed) o;
                assertThat(failed.reason()).isEqualTo(FailureReason.SIGNER_UNAVAILABLE);
                assertThat(failed.message()).contains("key is disabled");
            });
            assertThat(sandbox.csc().calls("credentials/authorize")).isZero();
        } finally {
            sandbox.csc().disable("sandbox-seal", false);
        }
    }

    @Test
    void aWrongOtpFailsTheGroupAsAuthorisationRequiredAfterTheOtpWasSent() {
        List<SigningOutcome> outcomes = signer(10).sign(documents(2, "otp-seal"));

        assertThat(outcomes)
                .hasSize(2)
                .allSatisfy(o -> assertThat(((SigningOutcome.Failed) o).reason())
                        .isEqualTo(FailureReason.AUTHORISATION_REQUIRED));
        assertThat(sandbox.csc().calls("credentials/sendOTP")).isEqualTo(1);
        assertThat(sandbox.csc().calls("credentials/authorize")).isEqualTo(1);
        assertThat(sandbox.csc().calls("signatures/signHash")).isZero();
    }

    @Test
    void aCredentialAPersonAuthorisesThroughOauthFailsWithoutAnAuthorize() {
        List<SigningOutcome> outcomes = signer(10).sign(documents(2, "oauth-seal"));

        assertThat(outcomes).hasSize(2).allSatisfy(o -> {
            SigningOutcome.Failed failed = (SigningOutcome.Failed) o;
            assertThat(failed.reason()).isEqualTo(FailureReason.AUTHORISATION_REQUIRED);
            assertThat(failed.message()).contains("scope=credential");
        });
        assertThat(sandbox.csc().calls("credentials/authorize")).isZero();
    }

    @Test
    void anExplicitCredentialWithoutItsPinConfiguredFailsWithoutAnAuthorize() {
        List<SigningOutcome> outcomes = signer(10).sign(documents(1, "ec-no-pin"));

        SigningOutcome.Failed failed = (SigningOutcome.Failed) outcomes.get(0);
        assertThat(failed.reason()).isEqualTo(FailureReason.AUTHORISATION_REQUIRED);
        assertThat(failed.message()).contains("factor PIN");
        assertThat(sandbox.csc().calls("credentials/authorize")).isZero();
    }

    @Test
    void aBatchLargerThanMaxBatchSizeOrMultisignIsSplit() {
        List<SigningOutcome> outcomes = signer(2).sign(documents(5, "sandbox-seal"));

        assertThat(outcomes).hasSize(5).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(sandbox.csc().signHashSizes()).containsExactly(2, 2, 1);
        assertThat(sandbox.csc().calls("credentials/authorize")).isEqualTo(3);

        sandbox.csc().resetCounters();
        signer(50).sign(documents(7, "sandbox-seal"));
        assertThat(sandbox.csc().signHashSizes()).as("capped by multisign 5").containsExactly(5, 2);
    }

    @Test
    void aDocumentForAnotherCredentialFailsWithoutACall() {
        List<HashComputed> documents = new ArrayList<>(documents(1, "sandbox-seal"));
        documents.add(TestDocuments.hashComputed("doc-other", "another-seal"));

        List<SigningOutcome> outcomes = signer(10).sign(documents);

        assertThat(outcomes)
                .filteredOn(SigningOutcome.Failed.class::isInstance)
                .singleElement()
                .satisfies(o -> {
                    SigningOutcome.Failed failed = (SigningOutcome.Failed) o;
                    assertThat(failed.document().documentId()).isEqualTo("doc-other");
                    assertThat(failed.reason()).isEqualTo(FailureReason.ACCOUNT_NOT_FOUND);
                });
        assertThat(sandbox.csc().signHashSizes()).containsExactly(1);
    }

    @Test
    void aPermanentRefusalFailsTheDocumentsOfTheCall() {
        BatchSigner signer = new BatchSigner(
                client("no-such-seal"), cades, retry(), TestClock.system(), meters, properties("no-such-seal", 10));

        List<SigningOutcome> outcomes = signer.sign(documents(2, "no-such-seal"));

        assertThat(outcomes).hasSize(2).allSatisfy(o -> {
            assertThat(o).isInstanceOf(SigningOutcome.Failed.class);
            assertThat(((SigningOutcome.Failed) o).reason()).isEqualTo(FailureReason.ACCOUNT_NOT_FOUND);
            assertThat(((SigningOutcome.Failed) o).message()).contains("Invalid parameter credentialID");
        });
    }

    private BatchSigner signer(int maxBatchSize) {
        return new BatchSigner(
                client("sandbox-seal"),
                cades,
                retry(),
                TestClock.system(),
                meters,
                properties("sandbox-seal", maxBatchSize));
    }

    private CscClient client(String credentialId) {
        return new CscClient(HttpClient.newHttpClient(), properties(credentialId, 50), TestClock.system(), meters);
    }

    /** The signers of the sandbox catalogue, as {@code signing.csc.signers} would configure them. */
    static final java.util.Map<String, CscProperties.Signer> SIGNERS = java.util.Map.of(
            "ec-seal", new CscProperties.Signer("sandbox-seal-ec", "123456", null, false),
            "pss-seal", new CscProperties.Signer("sandbox-seal", null, null, true),
            "ec-wrong-pin", new CscProperties.Signer("sandbox-seal-ec", "999999", null, false),
            "ec-no-pin", new CscProperties.Signer("sandbox-seal-ec", null, null, false),
            "otp-seal", new CscProperties.Signer("sandbox-seal-otp", "654321", "000000", false),
            "oauth-seal", new CscProperties.Signer("sandbox-seal-oauth", null, null, false));

    private static CscProperties properties(String credentialId, int maxBatchSize) {
        return new CscProperties(
                sandbox.cscBaseUrl(),
                null,
                "sandbox-client",
                "sandbox-secret",
                credentialId,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                maxBatchSize,
                new CscProperties.Retry(1, Duration.ofMillis(10)),
                SIGNERS,
                null,
                null,
                Duration.ofSeconds(5));
    }

    private static Retry retry() {
        return Retry.of("csc-test", RetryConfig.custom().maxAttempts(1).build());
    }

    private static List<HashComputed> documents(int count, String credentialId) {
        List<HashComputed> documents = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            documents.add(TestDocuments.hashComputed("doc-" + i, credentialId));
        }
        return documents;
    }

    private static boolean verifiesWithBouncyCastle(DSSDocument signed, byte[] manifest) throws Exception {
        return verifiesWithBouncyCastle(signed, manifest, seal.certificate());
    }

    private static boolean verifiesWithBouncyCastle(
            DSSDocument signed, byte[] manifest, java.security.cert.X509Certificate certificate) throws Exception {
        byte[] cms;
        try (var in = signed.openStream()) {
            cms = in.readAllBytes();
        }
        CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(manifest), cms);
        SignerInformation signer = data.getSignerInfos().getSigners().iterator().next();
        return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
    }
}
