package dev.signingsuite.provider.onetime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.provider.onetime.hsm.SoftHsmToken;
import dev.signingsuite.sandbox.est.EstServer;
import dev.signingsuite.sandbox.pki.OneTimeCa;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.StageBindingContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The shared stage contract for the service as wired: SoftHSM2, the sandbox's EST server over TLS,
 * a real KRaft broker; answers on the interactive lane.
 */
@TestPropertySource(properties = "spring.config.name=" + OnetimeProviderApplication.CONFIG_NAME)
class OnetimeProviderBindingsIT extends StageBindingContract {

    private static EstServer est;
    private static Path anchors;

    @DynamicPropertySource
    static void onetime(DynamicPropertyRegistry registry) {
        startEst();
        var token = SoftHsmToken.properties();
        registry.add("signing.onetime.hsm.library", () -> token.library().toString());
        registry.add("signing.onetime.hsm.slot", token::slot);
        registry.add("signing.onetime.hsm.pin", token::pin);
        registry.add("signing.onetime.est.server", est::authority);
        registry.add("signing.onetime.est.trust-anchors", anchors::toString);
        registry.add("signing.onetime.est.ra-user", () -> "suite-ra");
        registry.add("signing.onetime.est.ra-secret", () -> "ra-secret");
    }

    private static synchronized void startEst() {
        if (est != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("onetime-it");
            TestPki pki = TestPki.loadOrCreate(
                    dir.resolve("pki"), PkiSettings.defaults(), SandboxEntities.ALL, TestClock.system());
            anchors = pki.exportTrustAnchor(dir.resolve("anchors.pem"));
            est = EstServer.start(
                    new OneTimeCa(pki, PkiSettings.defaults(), OneTimeCa.DEFAULT_VALIDITY, TestClock.system()),
                    0,
                    "suite-ra",
                    "ra-secret");
            Runtime.getRuntime().addShutdownHook(new Thread(est::close));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String inputTopic() {
        return TOPICS.hashComputed(Provider.ONETIME).name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.signatureReturned(Lane.INTERACTIVE).name();
    }

    @Override
    protected String consumerGroup() {
        return "provider-onetime";
    }

    @Override
    protected Object sampleInput(String reference) {
        return TestDocuments.hashComputed(reference, "batch-" + reference, TestDocuments.PERSON, TestClock.now());
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        HashComputed document = (HashComputed) input;
        SignatureReturned returned = EventJson.read(answer, SignatureReturned.class);
        assertThat(returned.documentId()).isEqualTo(document.documentId());
        var certificate = DssParameters.certificate(returned.parameters().signingCertificate());
        assertThat(Duration.between(
                        certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant()))
                .isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(returned.parameters().signingDate())
                .isBetween(
                        certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant());
    }
}
