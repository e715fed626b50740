package dev.signingsuite.provider.csc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.testsupport.StageBindingContract;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.config.name=" + CscProviderApplication.CONFIG_NAME)
class CscProviderBindingsIT extends StageBindingContract {

    private static Sandbox sandbox;

    @DynamicPropertySource
    static void csc(DynamicPropertyRegistry registry) {
        registry.add("signing.csc.base-url", () -> sandbox().cscBaseUrl().toString());
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            try {
                sandbox =
                        Sandbox.start(new SandboxSettings(Files.createTempDirectory("csc-it-sandbox"), "127.0.0.1", 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sandbox;
    }

    @Override
    protected String inputTopic() {
        return TOPICS.hashComputed(Provider.CSC).name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.signatureReturned().name();
    }

    @Override
    protected String consumerGroup() {
        return "provider-csc";
    }

    @Override
    protected Object sampleInput(String reference) {
        return TestDocuments.hashComputed(reference, "sandbox-seal");
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        HashComputed document = (HashComputed) input;
        SignatureReturned returned = EventJson.read(answer, SignatureReturned.class);
        assertThat(returned.documentId()).isEqualTo(document.documentId());
        assertThat(returned.manifest().content()).isEqualTo(document.manifest().content());
        assertThat(returned.files()).isEqualTo(document.files());
        X509Certificate seal = sandbox().pki().entity(SandboxEntities.SEAL).certificate();
        // The value signs DSS's data to sign, rebuilt from the event alone as augmentation-service will.
        byte[] dataToSign = new CAdESService(new CommonCertificateVerifier())
                .getDataToSign(
                        DssParameters.manifest(returned.manifest()),
                        DssParameters.cadesBaselineB(returned.parameters()))
                .getBytes();
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(seal.getPublicKey());
            verifier.update(dataToSign);
            assertThat(verifier.verify(returned.signatureValue()))
                    .as("signature value verifies with the seal certificate")
                    .isTrue();
            assertThat(returned.parameters().signingCertificate()).isEqualTo(seal.getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
