package dev.signingsuite.provider.onetime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.provider.onetime.hsm.SoftHsmToken;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.idp.IdentityProvider;
import dev.signingsuite.sandbox.idp.IdpPersons;
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
 * The shared stage contract for the service as wired: SoftHSM2, the sandbox's EST server over TLS and TSA,
 * a real KRaft broker; answers on the interactive lane.
 */
@TestPropertySource(properties = "spring.config.name=" + OnetimeProviderApplication.CONFIG_NAME)
class OnetimeProviderBindingsIT extends StageBindingContract {

    private static Sandbox sandbox;

    @DynamicPropertySource
    static void onetime(DynamicPropertyRegistry registry) {
        startSandbox();
        var token = SoftHsmToken.properties();
        registry.add("signing.onetime.hsm.library", () -> token.library().toString());
        registry.add("signing.onetime.hsm.slot", token::slot);
        registry.add("signing.onetime.hsm.pin", token::pin);
        registry.add("signing.onetime.est.server", sandbox::estAuthority);
        registry.add(
                "signing.onetime.est.trust-anchors",
                () -> sandbox.trustAnchorPem().toString());
        registry.add("signing.onetime.est.ra-user", () -> Sandbox.EST_RA_USER);
        registry.add("signing.onetime.est.ra-secret", () -> Sandbox.EST_RA_SECRET);
        // No one-time signing starts while no TSA answers (ADR 20): the sandbox's answers.
        registry.add("signing.onetime.tsa.urls", () -> sandbox.tsaUrl().toString());
        // The sandbox's identity provider, its test person logging in at once (as in the standalone's seal).
        registry.add(
                "signing.onetime.login.issuer",
                () -> sandbox.identityProviderIssuer().toString());
        registry.add("signing.onetime.login.client-id", () -> IdentityProvider.CLIENT_ID);
        registry.add("signing.onetime.login.client-secret", () -> IdentityProvider.CLIENT_SECRET);
        registry.add("signing.onetime.login.redirect-uri", () -> "http://127.0.0.1:8080/onetime/callback");
        registry.add("signing.onetime.login.automatic.person", IdpPersons.ONE_TIME::identifier);
    }

    // The sandbox's EST CA (60 s certificates) and TSA, as the standalone runs them.
    private static synchronized void startSandbox() {
        if (sandbox != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("onetime-it");
            sandbox = Sandbox.start(new SandboxSettings(dir, "127.0.0.1", 0), TestClock.system());
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
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
