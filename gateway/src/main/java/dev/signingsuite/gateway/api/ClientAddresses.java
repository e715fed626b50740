package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.tenants.Cidr;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client's address as the trusted proxies report it ({@link ClientAddressProperties}). A client
 * can write anything into {@code X-Forwarded-For}; only what a trusted proxy appended counts, so the
 * header is read from the right and the first hop that is no trusted proxy is the client.
 */
final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<Cidr> trustedProxies;

    ClientAddresses(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** @return the client's address; empty if a trusted proxy forwarded something that is no address */
    Optional<InetAddress> of(HttpServletRequest request) {
        Optional<InetAddress> peer = literal(request.getRemoteAddr());
        if (peer.isEmpty() || !trusted(peer.get())) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress client = peer.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                return Optional.empty();
            }
            client = hop.get();
            if (!trusted(client)) {
                return Optional.of(client);
            }
        }
        // Trusted proxies all the way: the leftmost is as close to the client as anyone says.
        return Optional.of(client);
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(network -> network.contains(address));
    }

    /** Only literals: resolving a name a client sent would make the decision depend on DNS. */
    private static Optional<InetAddress> literal(String text) {
        String address = text == null ? "" : text.trim();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!LITERAL.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
