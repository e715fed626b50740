package dev.signingsuite.gateway.tenants;

import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.api.ApiProblem;
import dev.signingsuite.gateway.config.GatewayProperties.AllowedSigner;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What the admin API changes (ADR 30); every change in one transaction, seen by every instance at once. */
final class TenantRegistry {

    static final String ADMIN = "admin";

    /** Usable as a Kafka topic suffix (signing.outcomes.v1.<tenant>, ADR 23) and in a URL path. */
    private static final Pattern TENANT_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}");

    private static final Pattern HOST =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TenantRegistry(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Summary(String id, boolean configured, boolean enabled, Instant createdAt) {}

    /** @param apiKey shown this once; stored only as its SHA-256 */
    record Issued(String keyId, String apiKey) {

        @Override
        public String toString() {
            return "Issued[keyId=" + keyId + ", apiKey=(hidden)]";
        }
    }

    record Key(String keyId, String origin, Instant createdAt, Instant revokedAt) {}

    List<Summary> list() {
        return jdbc.sql("SELECT id, configured, disabled_at IS NULL AS enabled, created_at FROM tenants ORDER BY id")
                .query((rs, n) -> new Summary(
                        rs.getString("id"),
                        rs.getBoolean("configured"),
                        rs.getBoolean("enabled"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    Summary summary(String tenantId) {
        return list().stream()
                .filter(summary -> summary.id().equals(tenantId))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("no tenant " + tenantId));
    }

    List<Key> keys(String tenantId) {
        return jdbc.sql(
                        "SELECT id, origin, created_at, revoked_at FROM api_keys WHERE tenant_id = :tenant ORDER BY created_at, id")
                .param("tenant", tenantId)
                .query((rs, n) -> new Key(
                        rs.getString("id"),
                        rs.getString("origin"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null
                                ? null
                                : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    List<AllowedSigner> signers(String tenantId) {
        return jdbc.sql(
                        "SELECT provider, identity FROM tenant_signers WHERE tenant_id = :tenant ORDER BY provider, identity")
                .param("tenant", tenantId)
                .query((rs, n) ->
                        new AllowedSigner(Provider.fromId(rs.getString("provider")), rs.getString("identity")))
                .list();
    }

    List<Cidr> allowedAddresses(String tenantId) {
        return JdbcTenants.allowedAddresses(jdbc, tenantId);
    }

    Summary create(String tenantId) {
        if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
            throw ApiProblem.badRequest(
                    "id must be 1 to 64 letters, digits, '.', '_' or '-', starting with a" + " letter or digit");
        }
        int created = jdbc.sql(
                        "INSERT INTO tenants (id, configured, created_at) VALUES (:id, false, :now) ON CONFLICT DO NOTHING")
                .param("id", tenantId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (created == 0) {
            throw ApiProblem.conflict("tenant " + tenantId + " exists");
        }
        return summary(tenantId);
    }

    Summary enable(String tenantId, boolean enabled) {
        int changed = jdbc.sql("UPDATE tenants SET disabled_at = CASE WHEN :enabled THEN NULL"
                        + " ELSE coalesce(disabled_at, :now) END WHERE id = :id")
                .param("enabled", enabled)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", tenantId)
                .update();
        if (changed == 0) {
            throw ApiProblem.notFound("no tenant " + tenantId);
        }
        return summary(tenantId);
    }

    Issued issueKey(String tenantId) {
        summary(tenantId);
        String keyId = "key_" + HexFormat.of().formatHex(bytes(8));
        // <keyId>.<secret>: failed authentications are counted per key id too (FailedAuthentications).
        String key = keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
        jdbc.sql("INSERT INTO api_keys (id, tenant_id, sha256, origin, created_at)"
                        + " VALUES (:id, :tenant, :digest, :origin, :now)")
                .param("id", keyId)
                .param("tenant", tenantId)
                .param("digest", ConfiguredKeys.sha256(key))
                .param("origin", ADMIN)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return new Issued(keyId, key);
    }

    void revokeKey(String tenantId, String keyId) {
        int revoked = jdbc.sql("UPDATE api_keys SET revoked_at = coalesce(revoked_at, :now)"
                        + " WHERE tenant_id = :tenant AND id = :id")
                .param("now", Timestamp.from(clock.instant()))
                .param("tenant", tenantId)
                .param("id", keyId)
                .update();
        if (revoked == 0) {
            throw ApiProblem.notFound("tenant " + tenantId + " has no key " + keyId);
        }
    }

    void setSigners(String tenantId, List<AllowedSigner> signers) {
        for (AllowedSigner signer : signers) {
            if (signer == null
                    || signer.provider() == null
                    || signer.identity() == null
                    || signer.identity().isBlank()) {
                throw ApiProblem.badRequest("each signer needs a provider (smartid, eparaksts, csc or onetime)"
                        + " and an identity (* for any)");
            }
        }
        changeable(tenantId, () -> replaceSigners(jdbc, tenantId, signers));
    }

    void setCallbackHosts(String tenantId, List<String> hosts) {
        List<String> lower = hosts.stream()
                .map(host -> host == null ? "" : host.toLowerCase(Locale.ROOT))
                .toList();
        lower.stream().filter(host -> !HOST.matcher(host).matches()).findFirst().ifPresent(bad -> {
            throw ApiProblem.badRequest("'" + bad + "' is not a host name (no scheme, port or path)");
        });
        changeable(tenantId, () -> replaceCallbackHosts(jdbc, tenantId, lower));
    }

    void setAllowedAddresses(String tenantId, List<String> networks) {
        List<Cidr> parsed;
        try {
            parsed = networks.stream()
                    .map(network -> Cidr.parse(network == null ? "" : network))
                    .toList();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        changeable(tenantId, () -> replaceAllowedAddresses(jdbc, tenantId, parsed));
    }

    /** @return the new secret, shown this once */
    String setWebhook(String tenantId, String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw ApiProblem.badRequest("url must be http(s)://host/... without user info");
        }
        String secret = "whsec_" + Base64.getEncoder().encodeToString(bytes(32));
        changeable(tenantId, () -> replaceWebhook(jdbc, tenantId, new Tenants.Webhook(uri, secret)));
        return secret;
    }

    /** Configuration's tenants are configuration's to change: the next start would undo the change. */
    private void changeable(String tenantId, Runnable change) {
        transactions.executeWithoutResult(status -> {
            Boolean configured = jdbc.sql("SELECT configured FROM tenants WHERE id = :id FOR UPDATE")
                    .param("id", tenantId)
                    .query(Boolean.class)
                    .optional()
                    .orElseThrow(() -> ApiProblem.notFound("no tenant " + tenantId));
            if (configured) {
                throw ApiProblem.conflict("tenant " + tenantId + " is configured (signing.gateway.tenants." + tenantId
                        + "); change it there: each start writes configuration's settings again");
            }
            change.run();
        });
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static void replaceSigners(JdbcClient jdbc, String tenantId, List<AllowedSigner> signers) {
        jdbc.sql("DELETE FROM tenant_signers WHERE tenant_id = :tenant")
                .param("tenant", tenantId)
                .update();
        signers.stream()
                .distinct()
                .forEach(signer -> jdbc.sql(
                                "INSERT INTO tenant_signers (tenant_id, provider, identity) VALUES (:tenant, :provider, :identity)")
                        .param("tenant", tenantId)
                        .param("provider", signer.provider().id())
                        .param("identity", signer.identity())
                        .update());
    }

    static void replaceCallbackHosts(JdbcClient jdbc, String tenantId, List<String> hosts) {
        jdbc.sql("DELETE FROM tenant_callback_hosts WHERE tenant_id = :tenant")
                .param("tenant", tenantId)
                .update();
        hosts.stream()
                .map(host -> host.toLowerCase(Locale.ROOT))
                .distinct()
                .forEach(host -> jdbc.sql("INSERT INTO tenant_callback_hosts (tenant_id, host) VALUES (:tenant, :host)")
                        .param("tenant", tenantId)
                        .param("host", host)
                        .update());
    }

    static void replaceAllowedAddresses(JdbcClient jdbc, String tenantId, List<Cidr> networks) {
        jdbc.sql("DELETE FROM tenant_allowed_addresses WHERE tenant_id = :tenant")
                .param("tenant", tenantId)
                .update();
        networks.stream()
                .distinct()
                .forEach(network -> jdbc.sql(
                                "INSERT INTO tenant_allowed_addresses (tenant_id, network) VALUES (:tenant, CAST(:network AS cidr))")
                        .param("tenant", tenantId)
                        .param("network", network.toString())
                        .update());
    }

    static void replaceWebhook(JdbcClient jdbc, String tenantId, Tenants.Webhook webhook) {
        jdbc.sql("DELETE FROM tenant_webhooks WHERE tenant_id = :tenant")
                .param("tenant", tenantId)
                .update();
        if (webhook != null) {
            jdbc.sql("INSERT INTO tenant_webhooks (tenant_id, url, secret) VALUES (:tenant, :url, :secret)")
                    .param("tenant", tenantId)
                    .param("url", webhook.url().toString())
                    .param("secret", webhook.secret())
                    .update();
        }
    }
}
