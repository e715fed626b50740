package dev.signingsuite.gateway.tenants;

import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.api.ApiProblem;
import dev.signingsuite.gateway.config.GatewayProperties.AllowedSigner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant admin API (ADR 30), behind {@link AdminTokenFilter}. Secrets it issues (API keys,
 * webhook secrets) are in its answer once and never again.
 */
@RestController
@RequestMapping(path = "/admin/v1/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = "adminToken")
class TenantAdminController {

    private final TenantRegistry registry;
    private final Tenants tenants;

    TenantAdminController(TenantRegistry registry, Tenants tenants) {
        this.registry = registry;
        this.tenants = tenants;
    }

    record NewTenant(String id) {}

    record SignerView(String provider, String identity) {}

    record NewWebhook(String url) {}

    /** @param secret shown this once */
    record WebhookIssued(String url, String secret) {}

    record TenantView(
            String id,
            boolean configured,
            boolean enabled,
            Instant createdAt,
            List<TenantRegistry.Key> apiKeys,
            List<SignerView> signers,
            List<String> callbackHosts,
            List<String> allowedAddresses,
            String webhookUrl) {}

    @Operation(summary = "Create a tenant (no keys, signers or hosts yet)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TenantView> create(@RequestBody NewTenant tenant) {
        if (tenant == null) {
            throw ApiProblem.badRequest("a JSON body {\"id\": \"...\"} is required");
        }
        registry.create(tenant.id());
        return ResponseEntity.created(URI.create("/admin/v1/tenants/" + tenant.id()))
                .body(view(tenant.id()));
    }

    @Operation(summary = "Every tenant, configured or created here")
    @GetMapping
    List<TenantRegistry.Summary> list() {
        return registry.list();
    }

    @Operation(summary = "A tenant: its keys (ids only), signers, callback hosts, allowed addresses, webhook URL")
    @GetMapping("/{tenantId}")
    TenantView tenant(@PathVariable String tenantId) {
        return view(tenantId);
    }

    @Operation(summary = "Disable a tenant: its keys authenticate nothing, its Kafka intake is refused")
    @PostMapping("/{tenantId}/disable")
    TenantView disable(@PathVariable String tenantId) {
        registry.enable(tenantId, false);
        return view(tenantId);
    }

    @Operation(summary = "Enable a disabled tenant again")
    @PostMapping("/{tenantId}/enable")
    TenantView enable(@PathVariable String tenantId) {
        registry.enable(tenantId, true);
        return view(tenantId);
    }

    @Operation(summary = "Issue an API key: shown in this answer only, stored as its SHA-256")
    @PostMapping("/{tenantId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    TenantRegistry.Issued issueKey(@PathVariable String tenantId) {
        return registry.issueKey(tenantId);
    }

    @Operation(summary = "Revoke an API key: refused (401) from the next request on, by every instance")
    @DeleteMapping("/{tenantId}/api-keys/{keyId}")
    ResponseEntity<Void> revokeKey(@PathVariable String tenantId, @PathVariable String keyId) {
        registry.revokeKey(tenantId, keyId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Set the signers the tenant may use (identity * for any of a provider)")
    @PutMapping(path = "/{tenantId}/signers", consumes = MediaType.APPLICATION_JSON_VALUE)
    TenantView signers(@PathVariable String tenantId, @RequestBody List<SignerView> signers) {
        List<AllowedSigner> allowed;
        try {
            allowed = required(signers).stream()
                    .map(s -> new AllowedSigner(s == null ? null : Provider.fromId(s.provider()), s.identity()))
                    .toList();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        registry.setSigners(tenantId, allowed);
        return view(tenantId);
    }

    @Operation(summary = "Set the hosts the tenant's callback URLs may name")
    @PutMapping(path = "/{tenantId}/callback-hosts", consumes = MediaType.APPLICATION_JSON_VALUE)
    TenantView callbackHosts(@PathVariable String tenantId, @RequestBody List<String> hosts) {
        registry.setCallbackHosts(tenantId, required(hosts));
        return view(tenantId);
    }

    @Operation(
            summary = "Set the networks (CIDR) that may fetch the tenant's signatures and containers;"
                    + " empty: any address")
    @PutMapping(path = "/{tenantId}/allowed-addresses", consumes = MediaType.APPLICATION_JSON_VALUE)
    TenantView allowedAddresses(@PathVariable String tenantId, @RequestBody List<String> networks) {
        registry.setAllowedAddresses(tenantId, required(networks));
        return view(tenantId);
    }

    @Operation(summary = "Set the webhook endpoint: a new secret, shown in this answer only")
    @PutMapping(path = "/{tenantId}/webhook", consumes = MediaType.APPLICATION_JSON_VALUE)
    WebhookIssued webhook(@PathVariable String tenantId, @RequestBody NewWebhook webhook) {
        if (webhook == null) {
            throw ApiProblem.badRequest("a JSON body {\"url\": \"https://...\"} is required");
        }
        String secret = registry.setWebhook(tenantId, webhook.url());
        return new WebhookIssued(webhook.url(), secret);
    }

    private static <T> List<T> required(List<T> body) {
        if (body == null) {
            throw ApiProblem.badRequest("a JSON array is required");
        }
        return body;
    }

    private TenantView view(String tenantId) {
        TenantRegistry.Summary summary = registry.summary(tenantId);
        return new TenantView(
                summary.id(),
                summary.configured(),
                summary.enabled(),
                summary.createdAt(),
                registry.keys(tenantId),
                registry.signers(tenantId).stream()
                        .map(s -> new SignerView(s.provider().id(), s.identity()))
                        .toList(),
                tenants.callbackHosts(tenantId),
                registry.allowedAddresses(tenantId).stream().map(Cidr::toString).toList(),
                tenants.webhook(tenantId).map(w -> w.url().toString()).orElse(null));
    }
}
