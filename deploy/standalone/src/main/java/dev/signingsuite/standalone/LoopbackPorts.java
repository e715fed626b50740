package dev.signingsuite.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks and picks TCP ports before a server binds them, so failures name the setting to change. */
final class LoopbackPorts {

    private LoopbackPorts() {}

    /**
     * A port that was free a moment ago. Another process can take it before Kafka binds it; the
     * window is milliseconds, and Kafka then fails with its own bind error.
     */
    static int pickFree(String host) {
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
}
