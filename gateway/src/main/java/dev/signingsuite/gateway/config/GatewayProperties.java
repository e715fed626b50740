package dev.signingsuite.gateway.config;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway accepts, and from whom.
 *
 * @param maxDocumentSize the largest document accepted; larger ones fail with DOCUMENT_TOO_LARGE
 *     (Kafka) or 413 (REST)
 * @param maxFilesPerBatch the most files one {@code POST /v1/batches} may carry
 * @param tenants each tenant, its API keys and the signers it may use; a tenant can never use
 *     another's seal. Written into the tenants' database at start-up, beside the tenants the admin
 *     API creates (ADR 30); none when every tenant is the admin API's.
 */
@Validated
@ConfigurationProperties("signing.gateway")
public record GatewayProperties(
        @DefaultValue("50MB") @NotNull DataSize maxDocumentSize,
        @DefaultValue("1000") @Positive int maxFilesPerBatch,
        @DefaultValue Map<String, @Valid Tenant> tenants) {

    public GatewayProperties {
        tenants = Map.copyOf(tenants);
        requireDistinctApiKeys(tenants);
    }

    /**
     * @param apiKeys the secrets this tenant's clients send in {@code X-API-Key}; empty if it uses
     *     only the Kafka intake. Never printed.
     * @param signers the signers this tenant may name; an identity of {@code *} allows any identity
     *     of that provider (a Smart-ID relying party signing for its own customers)
     */
    public record Tenant(
            @DefaultValue List<@NotBlank String> apiKeys,
            @NotEmpty List<@Valid AllowedSigner> signers) {

        public Tenant {
            apiKeys = List.copyOf(apiKeys);
            signers = List.copyOf(signers);
        }

        public boolean mayUse(SignerRef signer) {
            return signers.stream().anyMatch(allowed -> allowed.matches(signer));
        }

        @Override
        public String toString() {
            return "Tenant[apiKeys=(" + apiKeys.size() + " hidden), signers=" + signers + "]";
        }
    }

    public record AllowedSigner(
            @NotNull Provider provider, @NotBlank String identity) {

        static final String ANY = "*";

        boolean matches(SignerRef signer) {
            return provider == signer.provider() && (ANY.equals(identity) || identity.equals(signer.identity()));
        }
    }

    /** Whether {@code tenantId} is configured and may use {@code signer}. */
    public boolean mayUse(String tenantId, SignerRef signer) {
        Tenant tenant = tenants.get(tenantId);
        return tenant != null && tenant.mayUse(signer);
    }

    /** One key naming two tenants would let one read the other's documents. */
    private static void requireDistinctApiKeys(Map<String, Tenant> tenants) {
        Map<String, String> owners = new HashMap<>();
        TreeSet<String> clashing = new TreeSet<>();
        tenants.forEach((id, tenant) -> {
            if (tenant == null) {
                return;
            }
            for (String key : tenant.apiKeys()) {
                String owner = owners.putIfAbsent(key, id);
                if (owner != null && !owner.equals(id)) {
                    clashing.add(owner);
                    clashing.add(id);
                }
            }
        });
        if (!clashing.isEmpty()) {
            throw new IllegalArgumentException(
                    "tenants " + clashing + " share an API key; each key must name one tenant");
        }
    }
}
