package dev.signingsuite.gateway.tenants;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link Tenants} read from PostgreSQL on every call: each an indexed lookup of one tenant. */
final class JdbcTenants implements Tenants {

    /** The CSC signer identities of registered signing devices (provider-csc's {@code device-}). */
    private final JdbcClient jdbc;

    JdbcTenants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Caller> caller(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        // Found by its digest: timing tells at most how much of a SHA-256 matched, and nobody can
        // choose a key for a digest prefix, so the lookup needs no constant-time comparison.
        return jdbc.sql("""
                        SELECT k.id, k.tenant_id, t.disabled_at IS NULL AS enabled
                        FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
                        WHERE k.sha256 = :digest AND k.revoked_at IS NULL
                        """)
                .param("digest", ConfiguredKeys.sha256(presentedKey))
                .query((rs, n) -> new Caller(rs.getString("tenant_id"), rs.getString("id"), rs.getBoolean("enabled")))
                .optional();
    }

    @Override
    public boolean mayUse(String tenantId, SignerRef signer) {
        if (signer.provider() == Provider.CSC && Tenants.isDevice(signer.identity())) {
            // A registered signing device (ADR 32) signs for the tenant that registered it only: no
            // allowed signer, not even "*", lets another tenant use a person's device.
            return jdbc.sql("""
                            SELECT EXISTS (SELECT 1 FROM tenants t JOIN signing_devices d ON d.tenant_id = t.id
                                           WHERE t.id = :tenant AND t.disabled_at IS NULL AND d.signer = :identity)
                            """)
                    .param("tenant", tenantId)
                    .param("identity", signer.identity())
                    .query(Boolean.class)
                    .single();
        }
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM tenants t JOIN tenant_signers s ON s.tenant_id = t.id
                                       WHERE t.id = :tenant AND t.disabled_at IS NULL AND s.provider = :provider
                                         AND (s.identity = '*' OR s.identity = :identity))
                        """)
                .param("tenant", tenantId)
                .param("provider", signer.provider().id())
                .param("identity", signer.identity())
                .query(Boolean.class)
                .single();
    }

    @Override
    public List<String> callbackHosts(String tenantId) {
        return jdbc.sql("SELECT host FROM tenant_callback_hosts WHERE tenant_id = :tenant ORDER BY host")
                .param("tenant", tenantId)
                .query(String.class)
                .list();
    }

    @Override
    public Optional<Webhook> webhook(String tenantId) {
        return jdbc.sql("SELECT url, secret FROM tenant_webhooks WHERE tenant_id = :tenant")
                .param("tenant", tenantId)
                .query((rs, n) -> new Webhook(URI.create(rs.getString("url")), rs.getString("secret")))
                .optional();
    }

    @Override
    public boolean admits(String tenantId, InetAddress address) {
        List<Cidr> networks = allowedAddresses(jdbc, tenantId);
        return networks.isEmpty()
                || (address != null && networks.stream().anyMatch(network -> network.contains(address)));
    }

    static List<Cidr> allowedAddresses(JdbcClient jdbc, String tenantId) {
        return jdbc
                .sql("SELECT network::text FROM tenant_allowed_addresses WHERE tenant_id = :tenant ORDER BY network")
                .param("tenant", tenantId)
                .query(String.class)
                .list()
                .stream()
                .map(Cidr::parse)
                .toList();
    }
}
