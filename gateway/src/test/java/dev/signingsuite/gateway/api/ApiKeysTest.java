package dev.signingsuite.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.config.GatewayProperties.AllowedSigner;
import dev.signingsuite.gateway.config.GatewayProperties.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ApiKeysTest {

    private static final List<AllowedSigner> SIGNERS = List.of(new AllowedSigner(Provider.CSC, "seal"));

    @Test
    void aKeyNamesItsTenantAndNothingElseDoes() {
        ApiKeys keys = new ApiKeys(properties(Map.of(
                "a", new Tenant(List.of("key-a", "key-a2"), SIGNERS),
                "b", new Tenant(List.of("key-b"), SIGNERS),
                "kafka-only", new Tenant(List.of(), SIGNERS))));

        assertThat(keys.tenantOf("key-a")).contains("a");
        assertThat(keys.tenantOf("key-a2")).contains("a");
        assertThat(keys.tenantOf("key-b")).contains("b");
        assertThat(keys.tenantOf("key-b ")).isEmpty();
        assertThat(keys.tenantOf("KEY-B")).isEmpty();
        assertThat(keys.tenantOf("")).isEmpty();
        assertThat(keys.tenantOf(null)).isEmpty();
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
        // printf %s 'acme.s3cret' | sha256sum
        String digest = HexFormat.of().formatHex(sha256("acme.s3cret"));
        ApiKeys keys = new ApiKeys(properties(Map.of(
                "acme", new Tenant(List.of(ApiKeys.HASHED + digest), SIGNERS),
                "plain", new Tenant(List.of("plain-key"), SIGNERS))));

        assertThat(keys.tenantOf("acme.s3cret")).contains("acme");
        assertThat(keys.tenantOf(ApiKeys.HASHED + digest))
                .as("the digest is not the key")
                .isEmpty();
        assertThat(keys.tenantOf("plain-key")).contains("plain");
    }

    @Test
    void aMalformedDigestOrAKeyAndItsDigestInTwoTenantsFailAtStartUp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new ApiKeys(properties(Map.of("a", new Tenant(List.of(ApiKeys.HASHED + "s3cret"), SIGNERS)))))
                .withMessageContaining("64 hex digits")
                .withMessageNotContaining("s3cret");
        String digest = HexFormat.of().formatHex(sha256("shared"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ApiKeys(properties(Map.of(
                        "a", new Tenant(List.of("shared"), SIGNERS),
                        "b", new Tenant(List.of(ApiKeys.HASHED + digest), SIGNERS)))))
                .withMessageContaining("[a, b]");
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GatewayProperties properties(Map<String, Tenant> tenants) {
        return new GatewayProperties(DataSize.ofMegabytes(1), 10, tenants);
    }
}
