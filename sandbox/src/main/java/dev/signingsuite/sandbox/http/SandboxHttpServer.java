package dev.signingsuite.sandbox.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JDK's HTTP server on a small bounded thread pool; port 0 picks a free port. */
public final class SandboxHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxHttpServer.class);
    private static final int THREADS = 4;
    private static final int QUEUE = 128;

    static {
        noDelay();
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final URI baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SandboxHttpServer(HttpServer server, ThreadPoolExecutor executor, URI baseUrl) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = baseUrl;
    }

    /**
     * TCP_NODELAY on the JDK server's connections. It writes a response's headers and its body
     * separately; with Nagle's algorithm on, the body then waits for the client's delayed ACK of the
     * headers, 40 ms on Linux. Every answer of the sandbox took about 45 ms on loopback, which no real
     * service's server (Tomcat, Jetty, Netty all set TCP_NODELAY) adds: the benches counted it as the
     * suite's latency, and the baseline's trial chose more threads to hide it. The JDK reads the
     * property once, when its first server starts in the JVM.
     */
    public static void noDelay() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Binds the port now, so the base URL is known before handlers are registered and started. */
    public static SandboxHttpServer bind(String host, int port) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            log.warn("The sandbox listens on {}, not on loopback: its keys are public test keys", address);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 64);
        // Bounded: when the queue is full the accepting thread runs the exchange itself, which
        // slows down accepting instead of dropping connections.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                daemonThreads(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        String hostPart = address.getHostAddress().contains(":")
                ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        URI baseUrl =
                URI.create("http://" + hostPart + ":" + server.getAddress().getPort());
        return new SandboxHttpServer(server, executor, baseUrl);
    }

    public void register(String contextPath, HttpHandler handler) {
        server.createContext(contextPath, handler);
    }

    /** A context whose requests pass {@code filter} first (the sandbox's fault injection). */
    public void register(String contextPath, HttpHandler handler, Filter filter) {
        server.createContext(contextPath, handler).getFilters().add(filter);
    }

    public void start() {
        server.start();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
