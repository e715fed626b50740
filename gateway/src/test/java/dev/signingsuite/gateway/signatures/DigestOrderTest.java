package dev.signingsuite.gateway.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.gateway.tenants.Tenants;
import dev.signingsuite.gateway.webhooks.WebhookUrls;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

class DigestOrderTest {

    private static final String SHA256 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final CallbackHosts HOSTS =
            new CallbackHosts(tenant -> tenant.equals("demo") ? List.of("E-Service.example") : List.of());
    private static final WebhookUrls URLS = new WebhookUrls(
            tenant -> tenant.equals("demo")
                    ? Optional.of(new Tenants.Webhook(URI.create("https://backoffice.example/hooks"), "whsec_x"))
                    : Optional.empty(),
            tenant -> tenant.equals("demo") ? List.of("e-service.example") : List.of());

    @Test
    void aValidRequestBecomesTheSignerLevelAndDssDigest() {
        DigestOrder order = DigestOrder.of(
                request(SHA256, "SHA-256", "cades-detached", "LTA", "https://e-service.example/done"),
                "demo",
                HOSTS,
                URLS);

        assertThat(order.signer().provider()).isEqualTo(Provider.CSC);
        assertThat(order.signer().identity()).isEqualTo("sandbox-seal");
        assertThat(order.level()).isEqualTo(SignatureLevel.LTA);
        assertThat(order.digest().algorithm()).isEqualTo("SHA256");
        assertThat(order.digest().value()).hasSize(32);
        assertThat(order.callbackUrl()).hasToString("https://e-service.example/done");
        assertThat(order.format()).isEqualTo(SignatureFormat.CADES_DETACHED);
        DigestOrder defaults = DigestOrder.of(request(SHA256, "SHA-256", null, null, null), "demo", HOSTS, URLS);
        assertThat(defaults.level()).isEqualTo(SignatureLevel.LT);
        assertThat(defaults.format()).isEqualTo(SignatureFormat.CADES_DETACHED);
        assertThat(DigestOrder.of(request(SHA256, "SHA-256", "XAdES-Detached", "LT", null), "demo", HOSTS, URLS)
                        .format())
                .isEqualTo(SignatureFormat.XADES_DETACHED);
    }

    @Test
    void everyBadFieldIsA400ThatNamesIt() {
        String sha512 = Base64.getEncoder().encodeToString(new byte[64]);
        assertBadRequest(request(sha512, "SHA-256", null, null, null), "digest has 64 bytes; a SHA-256 digest has 32");
        assertBadRequest(request("not base64!", "SHA-256", null, null, null), "digest is not base64");
        assertBadRequest(request(null, "SHA-256", null, null, null), "digest is required");
        assertBadRequest(request(SHA256, "MD5", null, null, null), "digestAlgorithm must be SHA-256");
        assertBadRequest(request(SHA256, "SHA-256", "pades", null, null), "format must be cades-detached");
        assertBadRequest(
                request(SHA256, "SHA-256", "xades-detached", "LTA", null),
                "level LTA is not produced for xades-detached");
        assertBadRequest(request(SHA256, "SHA-256", null, "LTX", null), "level must be B, T, LT or LTA");
        assertBadRequest(
                new SignatureRequest(SHA256, "SHA-256", "fax", "sandbox-seal", null, null, null, null),
                "unknown provider");
        assertBadRequest(
                new SignatureRequest(SHA256, "SHA-256", "csc", " ", null, null, null, null), "signer is required");
    }

    @Test
    void aCallbackOnlyToAHostTheTenantRegistered() {
        assertBadRequest(
                request(SHA256, "SHA-256", null, null, "https://attacker.example/steal"),
                "callbackUrl host attacker.example is not registered for tenant demo");
        assertBadRequest(
                request(SHA256, "SHA-256", null, null, "https://e-service.example.attacker.example/"),
                "is not registered");
        assertBadRequest(request(SHA256, "SHA-256", null, null, "http://e-service.example/done"), "must be https");
        assertBadRequest(
                request(SHA256, "SHA-256", null, null, "https://e-service.example@attacker.example/"), "no user info");
        assertBadRequest(request(SHA256, "SHA-256", null, null, "/relative"), "absolute URL");
        assertThatThrownBy(() -> DigestOrder.of(
                        request(SHA256, "SHA-256", null, null, "https://e-service.example/done"), "other", HOSTS, URLS))
                .hasMessageContaining("not registered for tenant other");
    }

    @Test
    void aWebhookUrlIsCheckedAndKeptInTheOrder() {
        DigestOrder order = DigestOrder.of(
                new SignatureRequest(
                        SHA256, "SHA-256", "csc", "sandbox-seal", null, null, null, "https://backoffice.example/sig"),
                "demo",
                HOSTS,
                URLS);
        assertThat(order.webhookUrl()).hasToString("https://backoffice.example/sig");
        assertBadRequest(
                new SignatureRequest(
                        SHA256, "SHA-256", "csc", "sandbox-seal", null, null, null, "https://attacker.example/x"),
                "webhookUrl host attacker.example is neither");
    }

    private static SignatureRequest request(
            String digest, String algorithm, String format, String level, String callbackUrl) {
        return new SignatureRequest(digest, algorithm, "csc", "sandbox-seal", level, format, callbackUrl, null);
    }

    private static void assertBadRequest(SignatureRequest request, String detail) {
        assertThatThrownBy(() -> DigestOrder.of(request, "demo", HOSTS, URLS))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getBody().getDetail()).contains(detail);
                });
    }
}
