package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.tenants.Cidr;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which address a request comes from, for the tenants' IP allow-lists (ADR 30).
 *
 * @param trustedProxies networks of the reverse proxies in front of the gateway. Only a request
 *     whose peer is one of them has its {@code X-Forwarded-For} read, from the right, skipping
 *     further trusted proxies; the first other address is the client's. Empty (the default): the
 *     header is never read, the peer is the client.
 */
@ConfigurationProperties("signing.gateway.client-address")
public record ClientAddressProperties(@DefaultValue List<String> trustedProxies) {

    public ClientAddressProperties {
        // Parsed here so that a mistyped network fails the start, naming itself.
        trustedProxies.forEach(Cidr::parse);
        trustedProxies = List.copyOf(trustedProxies);
    }

    List<Cidr> networks() {
        return trustedProxies.stream().map(Cidr::parse).toList();
    }
}
