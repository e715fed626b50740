package dev.signingsuite.augmentation.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PooledDataLoaderTest {

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final List<String> contentTypes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] body = exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, body);
        });
        server.createContext("/down", exchange -> respond(exchange, 503, new byte[] {1}));
        server.createContext(
                "/huge", exchange -> respond(exchange, 200, new byte[PooledDataLoader.MAX_RESPONSE_BYTES + 1]));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsWithItsContentTypeOverOneKeptConnection() {
        PooledDataLoader loader = loader();

        byte[] first = loader.post(base + "/echo", new byte[] {1, 2, 3});
        byte[] second = loader.post(base + "/echo", new byte[] {4});

        assertThat(first).containsExactly(1, 2, 3);
        assertThat(second).containsExactly(4);
        assertThat(contentTypes).containsOnly("application/timestamp-query");
        assertThat(clientPorts).as("one connection for both requests").hasSize(1);
    }

    @Test
    void failuresAreDssExternalResourceFailuresNamingTheUrl() {
        PooledDataLoader loader = loader();

        assertThatThrownBy(() -> loader.post(base + "/down", new byte[] {1}))
                .isInstanceOf(DSSExternalResourceException.class)
                .hasMessageContaining(base + "/down")
                .hasMessageContaining("503");
        assertThatThrownBy(() -> loader.post(base + "/huge", new byte[] {1}))
                .isInstanceOf(DSSExternalResourceException.class)
                .hasMessageContaining("more than");
        server.stop(0);
        assertThatThrownBy(() -> loader.post(base + "/echo", new byte[] {1}))
                .isInstanceOf(DSSExternalResourceException.class)
                .hasMessageContaining("failed");
    }

    @Test
    void getTriesEachUrlUntilOneAnswers() {
        var answer = loader().get(List.of(base + "/down", base + "/echo"));

        assertThat(answer.getUrlString()).isEqualTo(base + "/echo");
    }

    private static PooledDataLoader loader() {
        return new PooledDataLoader("application/timestamp-query", Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body)
            throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
