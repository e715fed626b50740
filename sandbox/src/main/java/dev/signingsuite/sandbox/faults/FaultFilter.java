package dev.signingsuite.sandbox.faults;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies one simulator's faults in front of its handler. */
final class FaultFilter extends Filter {

    private static final Logger log = LoggerFactory.getLogger(FaultFilter.class);

    private final Faults faults;
    private final Simulator simulator;
    private final Delays delays;

    FaultFilter(Faults faults, Simulator simulator, Delays delays) {
        this.faults = faults;
        this.simulator = simulator;
        this.delays = delays;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Optional<Fault> fault = faults.next(simulator);
        if (fault.isEmpty()) {
            chain.doFilter(exchange);
            return;
        }
        log.debug("Sandbox fault {} for {} {}", fault.get(), simulator, exchange.getRequestURI());
        switch (fault.get()) {
            case HTTP_500 -> fail(exchange, 500, false);
            case HTTP_503 -> fail(exchange, 503, true);
            case HTTP_429 -> fail(exchange, 429, true);
            // Closed without a response: unsent headers make the JDK server drop the connection.
            case RESET -> exchange.close();
            case TIMEOUT -> delays.after(Faults.TIMEOUT_HOLD, exchange::close);
            case SLOW -> delays.after(faults.profile(simulator).slowBy(), () -> answerLate(exchange, chain));
        }
    }

    @Override
    public String description() {
        return "sandbox faults of " + simulator;
    }

    private void answerLate(HttpExchange exchange, Chain chain) {
        try {
            chain.doFilter(exchange);
        } catch (IOException | RuntimeException e) {
            log.debug("Late answer of {} failed", simulator, e);
            exchange.close();
        }
    }

    private void fail(HttpExchange exchange, int status, boolean retryAfter) throws IOException {
        byte[] body = ("sandbox fault: " + simulator + " answers " + status + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        // The request body is not read: closing the connection is cheaper than draining it.
        exchange.getResponseHeaders().set("Connection", "close");
        if (retryAfter) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
