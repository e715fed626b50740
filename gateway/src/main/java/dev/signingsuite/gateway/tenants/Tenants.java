package dev.signingsuite.gateway.tenants;

import dev.signingsuite.events.SignerRef;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Who the tenants are and what each may do, as the database holds it (ADR 30): read on every use,
 * without a cache, so a key revoked or a tenant disabled through one gateway instance is refused by
 * every instance on its next request.
 */
public interface Tenants {

    /** The signers of registered signing devices (ADR 32): {@code csc} credentials {@code device-<id>}. */
    String DEVICE_SIGNERS = "device-";

    /** Whether {@code identity} names a person's registered signing device, not a seal. */
    static boolean isDevice(String identity) {
        return identity != null && identity.startsWith(DEVICE_SIGNERS);
    }

    /** The key's tenant, unless the key is unknown or revoked; a disabled tenant's key still names it. */
    Optional<Caller> caller(String presentedKey);

    /** Whether the tenant exists, is enabled and may use {@code signer}. */
    boolean mayUse(String tenantId, SignerRef signer);

    /** The hosts the tenant's callback URLs may name, lower case; none for an unknown tenant. */
    List<String> callbackHosts(String tenantId);

    /** Where the tenant's webhooks go, if anywhere. */
    Optional<Webhook> webhook(String tenantId);

    /**
     * Whether {@code address} may fetch the tenant's signatures: always, if it lists no network.
     * {@code null} (no usable address) is admitted only then.
     */
    boolean admits(String tenantId, InetAddress address);

    /**
     * @param keyId names the key in the admin API and the logs; never the key
     * @param enabled false once the tenant is disabled
     */
    record Caller(String tenantId, String keyId, boolean enabled) {}

    /** @param secret {@code whsec_…}; never printed */
    record Webhook(URI url, String secret) {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=(hidden)]";
        }
    }
}
