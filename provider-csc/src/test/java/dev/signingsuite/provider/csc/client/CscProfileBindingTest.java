package dev.signingsuite.provider.csc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code signing.csc.profile} and its overrides as an operator writes them, bound as at start-up. */
class CscProfileBindingTest {

    @Test
    void aProfileSetsTheBehavioursAndAnOverrideChangesOne() {
        CscProperties properties = bind(Map.of(
                "signing.csc.profile", "eudi-reference",
                "signing.csc.overrides.token-client-auth", "form",
                "signing.csc.overrides.asynchronous-sign-hash", "true",
                "signing.csc.polling.interval", "250ms",
                "signing.csc.service-account.username", "api-user",
                "signing.csc.service-account.password", "api-password"));

        assertThat(properties.profile()).isEqualTo(ServiceProfile.EUDI_REFERENCE);
        assertThat(properties.behaviours())
                .isEqualTo(new ServiceProfile.Behaviours(
                        ServiceProfile.HashAlphabet.BASE64URL,
                        true,
                        true,
                        ServiceProfile.ClientAuth.FORM,
                        false,
                        false,
                        true,
                        false,
                        false));
        assertThat(properties.polling())
                .isEqualTo(new CscProperties.Polling(Duration.ofMillis(250), Duration.ofSeconds(60)));
        assertThat(bind(Map.of("signing.csc.profile", "sign8")).behaviours().pendingAs400())
                .isTrue();
        assertThat(properties.serviceAccount().username()).isEqualTo("api-user");
        assertThat(properties.toString()).doesNotContain("api-password");
        assertThat(bind(Map.of()).profile()).isEqualTo(ServiceProfile.GENERIC);
        assertThat(bind(Map.of("signing.csc.profile", "lvrtc")).singleUseTokens())
                .isTrue();
    }

    @Test
    void anUnknownProfileFailsTheStart() {
        assertThatThrownBy(() -> bind(Map.of("signing.csc.profile", "acme")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("signing.csc.profile");
    }

    private static CscProperties bind(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of(
                "signing.csc.base-url", "https://rssp.example/csc/v2",
                "signing.csc.client-id", "client",
                "signing.csc.client-secret", "secret",
                "signing.csc.credential-id", "seal"));
        all.putAll(values);
        return new Binder(new MapConfigurationPropertySource(all))
                .bind("signing.csc", CscProperties.class)
                .get();
    }
}
