package dev.signingsuite.gateway.tenants;

import dev.signingsuite.gateway.config.GatewayProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the tenants of {@code signing.gateway.tenants} into the database at start-up (ADR 30).
 * Configuration wins for what it names: a configured tenant's signers, callback hosts, allowed
 * addresses and webhook are replaced by configuration's at every start (the admin API refuses to
 * change them, since the next start would undo it). Keys merge: the configuration's are added, those
 * it no longer names are revoked, keys the admin API issued stay, and a revoked key stays revoked.
 * Whether a tenant is disabled is the admin API's alone.
 */
final class ConfiguredTenants {

    static final String CONFIGURATION = "configuration";

    private static final Logger log = LoggerFactory.getLogger(ConfiguredTenants.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ConfiguredTenants(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    void write(GatewayProperties gateway, TenantSettings settings) {
        List<ConfiguredKeys.Entry> keys = ConfiguredKeys.of(gateway);
        // Parsed before anything is written: a bad network fails the start and names itself.
        gateway.tenants()
                .keySet()
                .forEach(id -> settings.of(id).allowedAddresses().forEach(Cidr::parse));
        Timestamp now = Timestamp.from(clock.instant());
        transactions.executeWithoutResult(status -> {
            // Two instances starting at once write one after the other.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('gateway-configured-tenants'))")
                    .query()
                    .singleValue();
            gateway.tenants().forEach((id, tenant) -> {
                jdbc.sql("""
                                INSERT INTO tenants (id, configured, created_at) VALUES (:id, true, :now)
                                ON CONFLICT (id) DO UPDATE SET configured = true
                                """).param("id", id).param("now", now).update();
                TenantRegistry.replaceSigners(jdbc, id, tenant.signers());
                TenantSettings.Extra extra = settings.of(id);
                TenantRegistry.replaceCallbackHosts(jdbc, id, extra.callbackHosts());
                TenantRegistry.replaceAllowedAddresses(
                        jdbc,
                        id,
                        extra.allowedAddresses().stream().map(Cidr::parse).toList());
                TenantSettings.Endpoint webhook = settings.webhooks().tenants().get(id);
                TenantRegistry.replaceWebhook(
                        jdbc, id, webhook == null ? null : new Tenants.Webhook(webhook.url(), webhook.secret()));
            });
            keys.forEach(key -> addKey(key, now));
            revokeUnconfiguredKeys(keys, now);
            // A sentinel no tenant id can be keeps the lists non-empty (IN () is not SQL).
            jdbc.sql("UPDATE tenants SET configured = false WHERE configured AND id NOT IN (:ids)")
                    .param("ids", withSentinel(gateway.tenants().keySet()))
                    .update();
        });
        log.info(
                "Configured tenants {} written to the database",
                new TreeSet<>(gateway.tenants().keySet()));
    }

    private void addKey(ConfiguredKeys.Entry key, Timestamp now) {
        jdbc.sql("""
                        INSERT INTO api_keys (id, tenant_id, sha256, origin, created_at)
                        VALUES (:id, :tenant, :digest, :origin, :now) ON CONFLICT (sha256) DO NOTHING
                        """)
                .param("id", keyId(key.digest()))
                .param("tenant", key.tenantId())
                .param("digest", key.digest())
                .param("origin", CONFIGURATION)
                .param("now", now)
                .update();
        String owner = jdbc.sql("SELECT tenant_id FROM api_keys WHERE sha256 = :digest")
                .param("digest", key.digest())
                .query(String.class)
                .single();
        if (!owner.equals(key.tenantId())) {
            throw new IllegalArgumentException("an API key of tenant " + key.tenantId()
                    + " in signing.gateway.tenants is already tenant " + owner + "'s; each key must name one tenant");
        }
    }

    /** A key taken out of configuration stops working, as it did when configuration was all there was. */
    private void revokeUnconfiguredKeys(List<ConfiguredKeys.Entry> keys, Timestamp now) {
        Set<String> kept = keys.stream().map(key -> keyId(key.digest())).collect(Collectors.toSet());
        jdbc.sql("""
                        UPDATE api_keys SET revoked_at = :now
                        WHERE origin = :origin AND revoked_at IS NULL AND id NOT IN (:kept)
                        """)
                .param("now", now)
                .param("origin", CONFIGURATION)
                .param("kept", withSentinel(kept))
                .update();
    }

    private static List<String> withSentinel(java.util.Collection<String> ids) {
        List<String> list = new java.util.ArrayList<>(ids);
        list.add("");
        return list;
    }

    /** A configured key's id: derived from its digest, so the same key has the same id at every start. */
    static String keyId(byte[] digest) {
        return "cfg_" + HexFormat.of().formatHex(digest, 0, 8).toLowerCase(Locale.ROOT);
    }
}
