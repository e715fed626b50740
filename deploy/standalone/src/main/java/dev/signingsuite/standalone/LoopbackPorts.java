package dev.signingsuite.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Checks and picks TCP ports before a server binds them, so failures name the setting to change. */
final class LoopbackPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST_PICKED = 20_000;
    private static final int ATTEMPTS = 64;

    private LoopbackPorts() {}

    /**
     * A port that was free a moment ago, picked below the kernel's ephemeral range where the OS can
     * find one. A port from that range (what binding port 0 gives) is also what every outgoing
     * connection takes as its local port: the suite's own Kafka clients, opened between the pick and
     * the bind, took a picked gateway port once and Tomcat failed to bind it. Another process can
     * still take a port outside the range; Kafka or Tomcat then fails with its own bind error.
     */
    static int pickFree(String host) {
        int ephemeralLow = ephemeralRangeStart();
        for (int attempt = 0; ephemeralLow > LOWEST_PICKED && attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_PICKED, ephemeralLow);
            if (isFree(host, port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open any TCP port on " + host, e);
        }
    }

    /** Returns the port, or 0 resolved to a free one; fails with a readable message if taken. */
    static int requireFree(String host, int port, String settingName) {
        if (port == 0) {
            return pickFree(host);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            return port;
        } catch (IOException e) {
            throw new PortInUseException(host, port, settingName, e);
        }
    }

    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the kernel hands out for port 0 and outgoing connections; 0 where unknown. */
    private static int ephemeralRangeStart() {
        try {
            // Not readString: it trusts the file size, which procfs reports as 0, and returned "3".
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
