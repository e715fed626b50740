package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.gateway.database.DataSourceSettings;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Tenants in PostgreSQL through the admin API (ADR 30): keys that work until revoked, stored as
 * digests; disabled tenants; the admin token and nothing else; the IP allow-list for fetching
 * signatures and containers.
 */
class TenantAdminIT extends RunningGateway {

    /** gateway.yml's demo profile. */
    static final String ADMIN_TOKEN = "demo-admin-token-for-the-standalone-run-only";

    private static final AtomicInteger TENANTS = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSourceSettings database;

    @Test
    void anIssuedKeyAuthenticatesUntilRevokedAndOnlyItsDigestIsStored() throws Exception {
        String tenant = newTenant();
        admin(
                HttpMethod.PUT,
                "/admin/v1/tenants/" + tenant + "/signers",
                "[{\"provider\":\"csc\",\"identity\":\"" + tenant + "-seal\"}]",
                200);
        JsonNode issued = admin(HttpMethod.POST, "/admin/v1/tenants/" + tenant + "/api-keys", null, 201);
        String keyId = issued.get("keyId").asString();
        String key = issued.get("apiKey").asString();

        post(
                "/v1/documents",
                key,
                Uploads.files("file", "a.pdf").field("provider", "csc").field("signer", tenant + "-seal"),
                202);
        JsonNode refused = post(
                "/v1/documents",
                key,
                Uploads.files("file", "a.pdf").field("provider", "csc").field("signer", "sandbox-seal"),
                403);
        assertThat(refused.get("reason").asString()).isEqualTo("SIGNER_NOT_ALLOWED");
        byte[] stored = jdbc.sql("SELECT sha256 FROM api_keys WHERE id = :id")
                .param("id", keyId)
                .query(byte[].class)
                .single();
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8)));
        String row = jdbc.sql("SELECT row_to_json(k)::text FROM api_keys k WHERE id = :id")
                .param("id", keyId)
                .query(String.class)
                .single();
        assertThat(row).doesNotContain(key.substring(key.indexOf('.') + 1));
        JsonNode shown = admin(HttpMethod.GET, "/admin/v1/tenants/" + tenant, null, 200);
        assertThat(shown.toString()).contains(keyId).doesNotContain(key);

        admin(HttpMethod.DELETE, "/admin/v1/tenants/" + tenant + "/api-keys/" + keyId, null, 204);

        assertProblem(get("/v1/documents/unknown", key, 401), 401);
    }

    @Test
    void aDisabledTenantIsRefusedUntilEnabledAgain() {
        String tenant = newTenant();
        String key = admin(HttpMethod.POST, "/admin/v1/tenants/" + tenant + "/api-keys", null, 201)
                .get("apiKey")
                .asString();
        get("/v1/documents/unknown", key, 404);

        assertThat(admin(HttpMethod.POST, "/admin/v1/tenants/" + tenant + "/disable", null, 200)
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        JsonNode refused = get("/v1/documents/unknown", key, 403);
        assertThat(refused.get("detail").asString()).contains("disabled");

        admin(HttpMethod.POST, "/admin/v1/tenants/" + tenant + "/enable", null, 200);
        get("/v1/documents/unknown", key, 404);
    }

    @Test
    void theAdminApiTakesTheAdminTokenOnlyAndAnswersBadInputWithProblems() {
        JsonNode withTenantKey = read(
                http.get()
                        .uri("/admin/v1/tenants")
                        .header("X-API-Key", DEMO_KEY)
                        .exchange(),
                401);
        assertProblem(withTenantKey, 401);
        read(
                http.get()
                        .uri("/admin/v1/tenants")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + DEMO_KEY)
                        .exchange(),
                401);
        read(
                http.get()
                        .uri("/admin/v1/tenants")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN + "x")
                        .exchange(),
                401);

        JsonNode tenants = admin(HttpMethod.GET, "/admin/v1/tenants", null, 200);
        assertThat(tenants.valueStream().filter(t -> t.get("id").asString().equals("demo")))
                .singleElement()
                .satisfies(
                        demo -> assertThat(demo.get("configured").asBoolean()).isTrue());
        assertProblem(admin(HttpMethod.POST, "/admin/v1/tenants", "{\"id\":\"../etc\"}", 400), 400);
        assertProblem(admin(HttpMethod.POST, "/admin/v1/tenants", "{\"id\":\"demo\"}", 409), 409);
        assertProblem(admin(HttpMethod.PUT, "/admin/v1/tenants/demo/callback-hosts", "[\"evil.example\"]", 409), 409);
        assertProblem(admin(HttpMethod.POST, "/admin/v1/tenants/no-such/api-keys", null, 404), 404);
        String tenant = newTenant();
        assertProblem(
                admin(HttpMethod.PUT, "/admin/v1/tenants/" + tenant + "/allowed-addresses", "[\"intranet\"]", 400),
                400);
        assertProblem(
                admin(
                        HttpMethod.PUT,
                        "/admin/v1/tenants/" + tenant + "/signers",
                        "[{\"provider\":\"x\",\"identity\":\"y\"}]",
                        400),
                400);
        assertProblem(
                admin(HttpMethod.PUT, "/admin/v1/tenants/" + tenant + "/webhook", "{\"url\":\"ftp://x\"}", 400), 400);
        assertProblem(admin(HttpMethod.PUT, "/admin/v1/tenants/" + tenant + "/signers", "{not json", 400), 400);
    }

    @Test
    void theAllowListAdmitsAndRefusesFetchesByAddressAndNeverTrustsTheHeaderByDefault() {
        String tenant = newTenant();
        String key = admin(HttpMethod.POST, "/admin/v1/tenants/" + tenant + "/api-keys", null, 201)
                .get("apiKey")
                .asString();
        String addresses = "/admin/v1/tenants/" + tenant + "/allowed-addresses";
        admin(HttpMethod.PUT, addresses, "[\"203.0.113.0/24\"]", 200);

        // The tests call from 127.0.0.1: outside the list, whatever the header claims.
        JsonNode refused = read(
                http.get()
                        .uri("/v1/signatures/unknown/signature")
                        .header("X-API-Key", key)
                        .header("X-Forwarded-For", "203.0.113.7")
                        .exchange(),
                403);
        assertThat(refused.get("detail").asString()).contains("127.0.0.1");
        get("/v1/documents/unknown/container", key, 403);
        get("/v1/documents/unknown", key, 404);

        admin(HttpMethod.PUT, addresses, "[\"203.0.113.0/24\", \"127.0.0.0/8\"]", 200);
        // Past the allow-list, the fetch itself answers: there is no such signature.
        get("/v1/signatures/unknown/signature", key, 404);
        get("/v1/documents/unknown/container", key, 404);
    }

    @Test
    void aSecondGatewayOnTheSameDatabaseSeesANewKeyAndItsRevocationAtOnce() {
        String tenant = newTenant();
        String before = admin(HttpMethod.POST, "/admin/v1/tenants/" + tenant + "/api-keys", null, 201)
                .get("apiKey")
                .asString();
        try (SecondGateway second = SecondGateway.start(database.url(), broker.getBrokersAsString())) {
            RestTestClient other =
                    RestTestClient.bindToServer().baseUrl(second.url()).build();
            JsonNode issued = admin(HttpMethod.POST, "/admin/v1/tenants/" + tenant + "/api-keys", null, 201);
            String key = issued.get("apiKey").asString();

            read(
                    other.get()
                            .uri("/v1/documents/unknown")
                            .header("X-API-Key", key)
                            .exchange(),
                    404);
            read(
                    other.get()
                            .uri("/v1/documents/unknown")
                            .header("X-API-Key", before)
                            .exchange(),
                    404);
            other.delete()
                    .uri("/admin/v1/tenants/" + tenant + "/api-keys/"
                            + issued.get("keyId").asString())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            get("/v1/documents/unknown", key, 401);
            get("/v1/documents/unknown", DEMO_KEY, 404);
            get("/v1/documents/unknown", "other-key", 404);
        }
    }

    private String newTenant() {
        String tenant = "t" + TENANTS.incrementAndGet() + "-" + System.identityHashCode(this);
        JsonNode created = admin(HttpMethod.POST, "/admin/v1/tenants", "{\"id\":\"" + tenant + "\"}", 201);
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("configured").asBoolean()).isFalse();
        return tenant;
    }

    private JsonNode admin(HttpMethod method, String path, String json, int expectedStatus) {
        var request = http.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN);
        var response = json == null
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).body(json).exchange();
        if (expectedStatus == 204) {
            response.expectStatus().isNoContent();
            return null;
        }
        return read(response, expectedStatus);
    }
}
