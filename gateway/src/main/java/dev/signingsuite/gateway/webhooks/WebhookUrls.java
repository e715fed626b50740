package dev.signingsuite.gateway.webhooks;

import dev.signingsuite.gateway.tenants.Tenants;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Checks a webhook URL that a batch or a signature request names (ADR 27, "Per-batch and
 * per-request endpoints"). Any holder of an API key may name one, so it may go only where the
 * tenant's administrator already sends the tenant's traffic: the host of the tenant's own webhook
 * endpoint or one of its registered callback hosts. Otherwise a leaked key, or one of the many
 * systems that hold a key, could have the tenant's outcomes signed with its secret and POSTed
 * anywhere. The address the host resolves to is checked again at each delivery ({@link AddressGuard}).
 */
public final class WebhookUrls {

    static final int MAX_LENGTH = 2000;

    private final Function<String, Optional<Tenants.Webhook>> webhookOf;
    private final Function<String, List<String>> callbackHostsOf;

    public WebhookUrls(Tenants tenants) {
        this(tenants::webhook, tenants::callbackHosts);
    }

    /**
     * @param webhookOf a tenant's own endpoint ({@code Tenants::webhook})
     * @param callbackHostsOf a tenant's callback hosts ({@code Tenants::callbackHosts})
     */
    public WebhookUrls(
            Function<String, Optional<Tenants.Webhook>> webhookOf, Function<String, List<String>> callbackHostsOf) {
        this.webhookOf = webhookOf;
        this.callbackHostsOf = callbackHostsOf;
    }

    /**
     * @return the URL, absolute https (http only for a loopback host, as the standalone run's back
     *     office uses), without user info or fragment, on a host the tenant registered
     * @throws ErrorResponseException 400 problem+json naming what is wrong
     */
    public URI require(String tenantId, String webhookUrl) {
        if (webhookUrl.length() > MAX_LENGTH) {
            throw refused("webhookUrl is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(webhookUrl);
        } catch (URISyntaxException e) {
            throw refused("webhookUrl is not a URL");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw refused("webhookUrl must be an absolute URL with a host, without user info or fragment");
        }
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw refused("webhookUrl must be https");
        }
        // The messages are signed with the tenant's secret, which comes with its webhook endpoint.
        Tenants.Webhook tenantEndpoint = webhookOf
                .apply(tenantId)
                .orElseThrow(() -> refused("tenant " + tenantId + " has no webhook secret to sign with: its"
                        + " administrator sets its webhook first (PUT /admin/v1/tenants/" + tenantId
                        + "/webhook, or signing.gateway.webhooks.tenants." + tenantId + ")"));
        boolean registered = host.equalsIgnoreCase(tenantEndpoint.url().getHost())
                || callbackHostsOf.apply(tenantId).stream().anyMatch(host::equalsIgnoreCase);
        if (!registered) {
            throw refused("webhookUrl host " + host + " is neither the host of tenant " + tenantId
                    + "'s webhook endpoint nor one of its callback hosts");
        }
        return uri;
    }

    private static ErrorResponseException refused(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Bad request");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
