package dev.signingsuite.gateway.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Keeps webhooks away from the gateway's own network: every address the endpoint's host resolves
 * to must be public, unless the deployment allows loopback (the standalone run) or private ranges.
 * One bad address refuses the host, since the HTTP client may pick any of them.
 */
final class AddressGuard {

    /** Resolves a host name to all its addresses (the system resolver; a fixed table in tests). */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final Resolver resolver;

    AddressGuard(boolean allowLoopback, boolean allowPrivate, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }

    /**
     * @return null if every address of {@code host} may be called, else why not (an address is
     *     named, it is not a secret)
     * @throws UnknownHostException when the host does not resolve now (retried later)
     */
    String refusal(String host) throws UnknownHostException {
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            String kind = kind(address);
            boolean allowed = kind == null
                    || (allowLoopback && kind.equals("loopback"))
                    || (allowPrivate && kind.equals("private"));
            if (!allowed) {
                return host + " resolves to " + kind + " address " + address.getHostAddress();
            }
        }
        return null;
    }

    /** null for a public unicast address, else what it is. */
    static String kind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return "non-unicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if (isMappedIpv4(b)) {
                try {
                    return kind(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are an IPv4 address", e);
                }
            }
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            return address.isLinkLocalAddress() || address.isSiteLocalAddress() || uniqueLocal ? "private" : null;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        boolean sharedCgnat = first == 100 && second >= 64 && second < 128;
        boolean reserved = first == 0 || first >= 240;
        if (reserved) {
            return "non-unicast";
        }
        return address.isSiteLocalAddress() || address.isLinkLocalAddress() || sharedCgnat ? "private" : null;
    }

    private static boolean isMappedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
