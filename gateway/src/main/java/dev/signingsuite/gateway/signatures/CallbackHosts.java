package dev.signingsuite.gateway.signatures;

import dev.signingsuite.gateway.api.ApiProblem;
import dev.signingsuite.gateway.tenants.Tenants;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The hosts each tenant registered for its callback URLs, read from the tenants' database on every
 * call (ADR 30; configuration's {@code signing.gateway.tenants.<tenant>.callback-hosts} is written
 * there at start-up, the admin API sets others). A callback URL elsewhere is refused, so the gateway
 * never redirects a person's browser to a place the tenant did not name (no open redirect).
 */
@Component
final class CallbackHosts {

    private final Function<String, List<String>> hostsOf;

    @Autowired
    CallbackHosts(Tenants tenants) {
        this(tenants::callbackHosts);
    }

    /** @param hostsOf a tenant's registered host names ({@code Tenants::callbackHosts}) */
    CallbackHosts(Function<String, List<String>> hostsOf) {
        this.hostsOf = hostsOf;
    }

    /**
     * @return the callback URL, absolute https (http only for loopback, as the standalone run uses)
     *     on a host the tenant registered
     * @throws ApiProblem (400) otherwise, naming what is wrong
     */
    URI require(String tenantId, String callbackUrl) {
        URI uri;
        try {
            uri = URI.create(callbackUrl);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("callbackUrl is not a URL");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host == null || uri.getUserInfo() != null) {
            throw ApiProblem.badRequest("callbackUrl must be an absolute URL with a host and no user info");
        }
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            throw ApiProblem.badRequest("callbackUrl must be https");
        }
        boolean registered =
                hostsOf.apply(tenantId).stream().anyMatch(registeredHost -> registeredHost.equalsIgnoreCase(host));
        if (!registered) {
            throw ApiProblem.badRequest("callbackUrl host " + host + " is not registered for tenant " + tenantId
                    + " (its callback hosts: signing.gateway.tenants." + tenantId
                    + ".callback-hosts or the admin API)");
        }
        return uri;
    }
}
