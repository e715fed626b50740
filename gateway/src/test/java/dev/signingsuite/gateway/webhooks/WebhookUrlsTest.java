package dev.signingsuite.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.gateway.tenants.Tenants;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A batch's or signature request's webhook URL goes only where the tenant's administrator sends its traffic. */
class WebhookUrlsTest {

    private final WebhookUrls urls = new WebhookUrls(
            tenant -> switch (tenant) {
                case "acme" -> Optional.of(new Tenants.Webhook(URI.create("https://hooks.acme.example/all"), "s"));
                case "local" -> Optional.of(new Tenants.Webhook(URI.create("http://127.0.0.1:8099/all"), "s"));
                default -> Optional.empty();
            },
            tenant -> tenant.equals("acme") ? List.of("portal.acme.example") : List.of());

    @Test
    void theHostOfTheTenantsEndpointOrOfItsCallbackHostsIsAccepted() {
        assertThat(urls.require("acme", "https://hooks.acme.example/batch/7?x=1"))
                .hasToString("https://hooks.acme.example/batch/7?x=1");
        assertThat(urls.require("acme", "https://PORTAL.acme.example/done")).hasHost("PORTAL.acme.example");
        assertThat(urls.require("local", "http://127.0.0.1:9000/mine")).hasPort(9000);
    }

    @Test
    void everythingElseIsA400ThatSaysWhy() {
        refused("acme", "https://attacker.example/x", "host attacker.example is neither");
        refused("acme", "https://hooks.acme.example.attacker.example/x", "is neither");
        refused("acme", "http://hooks.acme.example/x", "must be https");
        refused("acme", "https://hooks.acme.example@attacker.example/x", "without user info");
        refused("acme", "https://hooks.acme.example/x#frag", "without user info or fragment");
        refused("acme", "/relative", "absolute URL");
        refused("acme", "https://hooks.acme.example/ x", "not a URL");
        refused("acme", "ftp://hooks.acme.example/x", "must be https");
        refused("acme", "https://hooks.acme.example/" + "a".repeat(2000), "longer than 2000");
        refused("local", "http://127.0.0.2:9000/x", "must be https");
        // A tenant without an endpoint has no secret to sign with.
        refused("bare", "https://hooks.acme.example/x", "has no webhook secret");
    }

    private void refused(String tenant, String url, String detail) {
        assertThatThrownBy(() -> urls.require(tenant, url)).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.getBody().getDetail()).contains(detail);
        });
    }
}
