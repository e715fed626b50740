package dev.signingsuite.gateway.signatures;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hosts each tenant registered for its callback URLs, read beside the tenant's other settings
 * ({@code signing.gateway.tenants.<tenant>.callback-hosts}). A callback URL elsewhere is refused, so
 * the gateway never redirects a person's browser to a place the tenant did not name (no open
 * redirect). Configuration for now; tenants move to the database later (issue 22).
 */
@Validated
@ConfigurationProperties("signing.gateway")
public record CallbackHosts(@DefaultValue Map<String, @Valid Tenant> tenants) {

    public CallbackHosts {
        tenants = Map.copyOf(tenants);
    }

    /** @param callbackHosts host names, compared without case; none: no callback URL is accepted */
    public record Tenant(@DefaultValue List<@NotBlank String> callbackHosts) {

        public Tenant {
            callbackHosts = callbackHosts.stream()
                    .map(host -> host.toLowerCase(Locale.ROOT))
                    .toList();
        }
    }

    /**
     * @return the callback URL, absolute https (http only for loopback, as the standalone run uses)
     *     on a host the tenant registered
     * @throws SignatureProblem (400) otherwise, naming what is wrong
     */
    URI require(String tenantId, String callbackUrl) {
        URI uri;
        try {
            uri = URI.create(callbackUrl);
        } catch (IllegalArgumentException e) {
            throw SignatureProblem.badRequest("callbackUrl is not a URL");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host == null || uri.getUserInfo() != null) {
            throw SignatureProblem.badRequest("callbackUrl must be an absolute URL with a host and no user info");
        }
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            throw SignatureProblem.badRequest("callbackUrl must be https");
        }
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null || !tenant.callbackHosts().contains(host)) {
            throw SignatureProblem.badRequest("callbackUrl host " + host + " is not registered for tenant " + tenantId
                    + " (signing.gateway.tenants." + tenantId + ".callback-hosts)");
        }
        return uri;
    }
}
