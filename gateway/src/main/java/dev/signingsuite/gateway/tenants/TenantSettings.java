package dev.signingsuite.gateway.tenants;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What configuration says of each tenant beyond its keys and signers (those are GatewayProperties'):
 * {@code signing.gateway.tenants.<tenant>.callback-hosts} and {@code .allowed-addresses}, and the
 * webhook endpoint of {@code signing.gateway.webhooks.tenants.<tenant>} (validated by the webhooks
 * package's own record). Read once, to write them into the database at start-up.
 */
@ConfigurationProperties("signing.gateway")
record TenantSettings(
        @DefaultValue Map<String, Extra> tenants,
        @DefaultValue Webhooks webhooks) {

    TenantSettings {
        tenants = Map.copyOf(tenants);
    }

    Extra of(String tenantId) {
        return tenants.getOrDefault(tenantId, new Extra(List.of(), List.of()));
    }

    /**
     * @param callbackHosts host names a callback URL may name
     * @param allowedAddresses networks ({@code 203.0.113.0/24}, {@code 2001:db8::/32}) or addresses
     *     that may fetch the tenant's signatures and containers; none: any
     */
    record Extra(
            @DefaultValue List<String> callbackHosts,
            @DefaultValue List<String> allowedAddresses) {

        Extra {
            callbackHosts = List.copyOf(callbackHosts);
            allowedAddresses = List.copyOf(allowedAddresses);
        }
    }

    record Webhooks(@DefaultValue Map<String, Endpoint> tenants) {

        Webhooks {
            tenants = Map.copyOf(tenants);
        }
    }

    record Endpoint(URI url, String secret) {

        @Override
        public String toString() {
            return "Endpoint[url=" + url + ", secret=(hidden)]";
        }
    }
}
