package dev.signingsuite.augmentation.trust;

import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests to a TSA or an OCSP responder over one HTTP client that keeps its connections.
 *
 * <p>DSS's {@code CommonsDataLoader} builds a new Apache HttpClient (connection manager, TLS
 * set-up, a class-path lookup of its version) for every request and closes it afterwards, so every
 * timestamp also paid a new connection: 1.4 % of the suite's CPU in issue 20's profile, on a TSA
 * round trip each document waits for. Failures are DSS's {@link DSSExternalResourceException}, as
 * with DSS's own loader, so that the failover and parking see them the same way.
 */
final class PooledDataLoader implements DataLoader {

    /** Timestamp and OCSP responses are a few kilobytes; a responder sending more is broken. */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final transient HttpClient client;
    private final Duration readTimeout;
    private String contentType;

    PooledDataLoader(String contentType, Duration connectTimeout, Duration readTimeout) {
        this.contentType = contentType;
        this.readTimeout = readTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .proxy(ProxySelector.getDefault())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public byte[] post(String url, byte[] content) {
        return send(
                url,
                "POST",
                request(url)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build());
    }

    @Override
    public byte[] get(String url) {
        return send(url, "GET", request(url).GET().build());
    }

    @Override
    public DataAndUrl get(List<String> urls) {
        List<String> failures = new ArrayList<>();
        for (String url : urls) {
            try {
                return new DataAndUrl(url, get(url));
            } catch (DSSExternalResourceException e) {
                failures.add(e.getMessage());
            }
        }
        throw new DSSExternalResourceException("no URL answered: " + String.join("; ", failures));
    }

    @Override
    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    private HttpRequest.Builder request(String url) {
        try {
            return HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout);
        } catch (IllegalArgumentException e) {
            throw new DSSExternalResourceException("not a URL: " + url, e);
        }
    }

    private byte[] send(String url, String method, HttpRequest request) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DSSExternalResourceException(
                            String.format("%s %s answered HTTP %d", method, url, response.statusCode()));
                }
                byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    throw new DSSExternalResourceException(
                            String.format("%s %s answered more than %d bytes", method, url, MAX_RESPONSE_BYTES));
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new DSSExternalResourceException(String.format("%s %s failed: %s", method, url, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DSSExternalResourceException(String.format("%s %s interrupted", method, url), e);
        }
    }
}
