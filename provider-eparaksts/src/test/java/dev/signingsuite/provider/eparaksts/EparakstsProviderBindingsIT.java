package dev.signingsuite.provider.eparaksts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.testsupport.StageBindingContract;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The shared stage contract, with the sandbox's test person authorised automatically. */
@TestPropertySource(
        properties = {
            "spring.config.name=" + EparakstsProviderApplication.CONFIG_NAME,
            "signing.eparaksts.auto-login=true"
        })
class EparakstsProviderBindingsIT extends StageBindingContract {

    @DynamicPropertySource
    static void eparaksts(DynamicPropertyRegistry registry) {
        registry.add(
                "signing.eparaksts.base-url",
                () -> TestSandbox.get().eparakstsBaseUrl().toString());
    }

    @Override
    protected String inputTopic() {
        return TOPICS.hashComputed(Provider.EPARAKSTS).name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.signatureReturned().name();
    }

    @Override
    protected String consumerGroup() {
        return "provider-eparaksts";
    }

    @Override
    protected Object sampleInput(String reference) {
        return TestDocuments.hashComputed(reference, "qsealc");
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        HashComputed document = (HashComputed) input;
        SignatureReturned returned = EventJson.read(answer, SignatureReturned.class);
        assertThat(returned.documentId()).isEqualTo(document.documentId());
        assertThat(returned.files()).isEqualTo(document.files());
        // qsealc names the configured default seal: the invoicing company's.
        X509Certificate seal =
                TestSandbox.get().pki().entity(SandboxEntities.SEAL).certificate();
        byte[] dataToSign = new CAdESService(new CommonCertificateVerifier())
                .getDataToSign(
                        DssParameters.manifest(returned.manifest()),
                        DssParameters.cadesBaselineB(returned.parameters()))
                .getBytes();
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(seal.getPublicKey());
            verifier.update(dataToSign);
            assertThat(verifier.verify(returned.signatureValue())).isTrue();
            assertThat(returned.parameters().signingCertificate()).isEqualTo(seal.getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
