package dev.signingsuite.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.augmentation.trust.AugmentationProperties;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.signature.AsicLayout;
import dev.signingsuite.testsupport.StageBindingContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.config.name=" + AugmentationServiceApplication.CONFIG_NAME)
class AugmentationServiceBindingsIT extends StageBindingContract {

    // Started before the Spring context, which reads the TSA URL and trust anchors at start-up.
    private static final Sandbox SANDBOX;
    private static final AugmentationProperties TRUST;

    static {
        try {
            var dataDir = Files.createTempDirectory("augmentation-it-sandbox");
            SANDBOX = Sandboxes.start(dataDir);
            TRUST = Sandboxes.properties(SANDBOX, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void trustServices(DynamicPropertyRegistry registry) {
        registry.add("signing.augmentation.tsa-url", () -> TRUST.tsaUrl().toString());
        registry.add(
                "signing.augmentation.trust-anchors", () -> TRUST.trustAnchors().toString());
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Override
    protected String inputTopic() {
        return TOPICS.signatureReturned().name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.signatureAugmented().name();
    }

    @Override
    protected String consumerGroup() {
        return "augmentation-service";
    }

    @Override
    protected Object sampleInput(String reference) {
        return ReturnedSignatures.signedBy(Sandboxes.seal(SANDBOX), SignatureLevel.LT, reference);
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        SignatureAugmented augmented = EventJson.read(answer, SignatureAugmented.class);
        assertThat(augmented.signature().level()).isEqualTo(SignatureLevel.LT);
        assertThat(augmented.signature().entryName()).isEqualTo(AsicLayout.SIGNATURE_ENTRY);
        try {
            CMSSignedData cms = new CMSSignedData(
                    new CMSProcessableByteArray(augmented.manifest().content()),
                    augmented.signature().content());
            SignerInformation signer =
                    cms.getSignerInfos().getSigners().iterator().next();
            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                            .build(Sandboxes.seal(SANDBOX).certificate())))
                    .isTrue();
        } catch (Exception e) {
            throw new AssertionError("the augmented signature is not a verifying CMS", e);
        }
    }
}
