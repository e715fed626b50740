package dev.signingsuite.gateway.tenants;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A network as {@code address/prefix} (an address alone is one host), IPv4 or IPv6, parsed from
 * literals only: a host name here would make an allow-list depend on DNS.
 */
public record Cidr(byte[] network, int prefix) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    public Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix " + prefix + " out of range");
        }
        // Host bits cleared: 10.1.2.3/8 and 10.0.0.0/8 are the same network, stored once.
        for (int bit = prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2 || !LITERAL.matcher(parts[0]).matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an IP address or network (address/prefix, e.g. 203.0.113.0/24)");
        }
        byte[] address;
        try {
            // A literal only (checked above): getByName does not resolve it.
            address = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or network");
        }
        int prefix = address.length * 8;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no numeric prefix length");
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length out of range");
            }
        }
        return new Cidr(address, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefix == cidr.prefix && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    /** As PostgreSQL's {@code cidr} reads and writes it. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }
}
