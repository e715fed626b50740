package dev.signingsuite.gateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class ProviderRelayTest {

    private static final OperatorHtml HTML = new OperatorHtml("T", "H", "/operator/x/login", "Log in first");

    private HttpServer provider;
    private volatile String lastQuery;

    @BeforeEach
    void start() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/x/login", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://service.example/authorize?state=s1");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        provider.createContext("/x/nothing", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        provider.createContext("/x/callback", exchange -> {
            lastQuery = exchange.getRequestURI().getRawQuery();
            boolean good = lastQuery.contains("state=good");
            byte[] body = (good ? "ok" : "state <unknown>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(good ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    private ProviderRelay relay() {
        return new ProviderRelay(
                "provider-x",
                URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/"),
                HTML);
    }

    @Test
    void theProvidersRedirectReachesTheBrowser() {
        ResponseEntity<String> answer = relay().redirect("/x/login", "no login");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(answer.getHeaders().getLocation()).hasToString("https://service.example/authorize?state=s1");
    }

    @Test
    void noRedirectFromTheProviderIsABadGatewayPageSayingWhy() {
        ResponseEntity<String> answer = relay().redirect("/x/nothing", "provider-x did not start a login");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(answer.getBody()).contains("provider-x did not start a login");
    }

    @Test
    void aProviderThatDoesNotAnswerIsNamed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ProviderRelay down = new ProviderRelay("provider-x", URI.create("http://127.0.0.1:" + closed), HTML);
        ResponseEntity<String> answer = down.redirect("/x/login", "no login");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(answer.getBody()).contains("provider-x does not answer");
        assertThat(down.get("/x/login")).isEmpty();
    }

    @Test
    void aGoodCallbackGoesToTheProviderAsItCameAndSendsTheBrowserBackToThePage() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x/callback");
        request.setQueryString("code=c%2B1&state=good");
        ResponseEntity<String> answer = relay().callback("/x/callback", request, "/operator/x", "refused");
        assertThat(lastQuery).isEqualTo("code=c%2B1&state=good");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(answer.getHeaders().getLocation()).hasToString("/operator/x");
    }

    @Test
    void aRefusedCallbackSaysWhatHappenedAndWhereTheAuthorisationStandsWithTheLoginOffered() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x/callback");
        request.setQueryString("code=c&state=replayed");
        ResponseEntity<String> answer = relay().callback("/x/callback", request, "/operator/x", "Not authorised");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // The provider's body is its status, read for people: not JSON, so the state is unknown.
        assertThat(answer.getBody())
                .contains("This login could not be completed")
                .contains("Not authorised: log in again")
                .contains("<dd>unknown</dd>")
                .doesNotContain("<unknown>")
                .contains("href=\"/operator/x/login\">Log in first</a>");
    }

    @Test
    void aPageWithoutLoginHasNoLink() {
        assertThat(HTML.renderWithoutLogin("self", "", java.util.Map.of(), "")).doesNotContain("id=\"login\"");
        assertThat(HTML.render("in place", "", java.util.Map.of(), false)).contains(">Log in again</a>");
    }
}
