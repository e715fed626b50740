package dev.signingsuite.gateway.config;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway accepts, and from whom.
 *
 * @param maxDocumentSize the largest document accepted; larger ones fail with DOCUMENT_TOO_LARGE
 * @param blobRoot where the filesystem blob store keeps document bytes
 * @param tenants each tenant and the signers it may use; a tenant can never use another's seal
 */
@Validated
@ConfigurationProperties("signing.gateway")
public record GatewayProperties(
        @DefaultValue("50MB") @NotNull DataSize maxDocumentSize,
        @NotNull Path blobRoot,
        @NotEmpty Map<String, @Valid Tenant> tenants) {

    public GatewayProperties {
        tenants = Map.copyOf(tenants);
    }

    /**
     * @param signers the signers this tenant may name; an identity of {@code *} allows any identity
     *     of that provider (a Smart-ID relying party signing for its own customers)
     */
    public record Tenant(@NotEmpty List<@Valid AllowedSigner> signers) {

        public Tenant {
            signers = List.copyOf(signers);
        }

        public boolean mayUse(SignerRef signer) {
            return signers.stream().anyMatch(allowed -> allowed.matches(signer));
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
}
