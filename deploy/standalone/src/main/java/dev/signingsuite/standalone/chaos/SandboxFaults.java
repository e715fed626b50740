package dev.signingsuite.standalone.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The sandbox's fault injection over its HTTP API ({@code /_sandbox/faults}), the way an operator
 * would switch it in a running sandbox. Each call says whether the sandbox took it: a sandbox without
 * fault injection answers 404, and the chaos report says so instead of claiming faults it never had.
 */
public final class SandboxFaults {

    /** Simulator names as the sandbox's {@code Simulator} enum spells them. */
    public static final String TSA = "TSA";

    public static final String OCSP = "OCSP";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public SandboxFaults(URI sandboxBaseUrl) {
        this.base = URI.create(sandboxBaseUrl.toString().replaceAll("/$", "") + "/_sandbox/faults");
    }

    /** Every kind of fault, at {@code share} of the requests, the slow ones by two seconds. */
    public boolean share(String simulator, double share) {
        String body = String.format(
                Locale.ROOT,
                "{\"share\":%s,\"kinds\":[\"HTTP_500\",\"HTTP_503\",\"HTTP_429\",\"TIMEOUT\",\"SLOW\",\"RESET\"],"
                        + "\"slowBy\":\"PT2S\"}",
                share);
        return send(HttpRequest.newBuilder(URI.create(base + "/" + simulator))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public boolean outage(String simulator, Duration duration) {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + simulator + "/outage?duration=" + duration))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public boolean clear() {
        return send(HttpRequest.newBuilder(base).DELETE());
    }

    private static boolean send(HttpRequest.Builder request) {
        try {
            int status = HTTP.send(
                            request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return status / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
