package dev.signingsuite.gateway.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.config.GatewayProperties.AllowedSigner;
import dev.signingsuite.gateway.config.GatewayProperties.Tenant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ConfiguredKeysTest {

    private static final List<AllowedSigner> SIGNERS = List.of(new AllowedSigner(Provider.CSC, "seal"));

    @Test
    void eachConfiguredKeyBecomesItsDigestForItsTenant() {
        List<ConfiguredKeys.Entry> entries = ConfiguredKeys.of(properties(
                Map.of("a", new Tenant(List.of("key-a"), SIGNERS), "kafka-only", new Tenant(List.of(), SIGNERS))));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.tenantId()).isEqualTo("a");
            // printf %s key-a | sha256sum
            assertThat(HexFormat.of().formatHex(entry.digest()))
                    .isEqualTo("f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4");
        });
    }

    @Test
    void keysNeverAppearInTheConfigurationsText() {
        GatewayProperties properties = properties(Map.of("a", new Tenant(List.of("s3cr3t-key"), SIGNERS)));

        assertThat(properties.toString()).doesNotContain("s3cr3t-key").contains("1 hidden");
    }

    @Test
    void twoTenantsCannotShareAKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(Map.of(
                        "a", new Tenant(List.of("same"), SIGNERS),
                        "b", new Tenant(List.of("same"), SIGNERS))))
                .withMessageContaining("[a, b]")
                .withMessageNotContaining("same");
    }

    @Test
    void aKeyMayBeConfiguredAsItsDigestOnly() {
        String digest = HexFormat.of().formatHex(ConfiguredKeys.sha256("acme.s3cret"));

        List<ConfiguredKeys.Entry> entries = ConfiguredKeys.of(properties(
                Map.of("acme", new Tenant(List.of(ConfiguredKeys.HASHED + digest), SIGNERS))));

        assertThat(entries.get(0).digest())
                .as("the digest of the key the client sends, not of the configured text")
                .isEqualTo(ConfiguredKeys.sha256("acme.s3cret"))
                .isNotEqualTo(ConfiguredKeys.sha256(ConfiguredKeys.HASHED + digest));
    }

    @Test
    void aMalformedDigestOrAKeyAndItsDigestInTwoTenantsFailAtStartUp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConfiguredKeys.of(properties(
                        Map.of("a", new Tenant(List.of(ConfiguredKeys.HASHED + "s3cret"), SIGNERS)))))
                .withMessageContaining("64 hex digits")
                .withMessageNotContaining("s3cret");
        String digest = HexFormat.of().formatHex(ConfiguredKeys.sha256("shared"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConfiguredKeys.of(properties(Map.of(
                        "a", new Tenant(List.of("shared"), SIGNERS),
                        "b", new Tenant(List.of(ConfiguredKeys.HASHED + digest), SIGNERS)))))
                .withMessageContaining("[a, b]");
    }

    private static GatewayProperties properties(Map<String, Tenant> tenants) {
        return new GatewayProperties(DataSize.ofMegabytes(1), 10, tenants);
    }
}
