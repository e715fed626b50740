package dev.signingsuite.provider.csc.client;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Where the OAuth 2.0 endpoints are. Configured ({@code signing.csc.oauth2-url}) or named by {@code
 * info.oauth2}: the specification's fixed paths under that base ({@code oauth2/authorize}, …).
 * Named by {@code info.oauth2Issuer}: read from the issuer's RFC 8414 metadata, asked once, since
 * such services choose their own paths (SIGN8's browser endpoint is {@code /authorize}).
 */
final class AuthorizationServer {

    private static final String WELL_KNOWN = "/.well-known/oauth-authorization-server";

    private final CscTransport transport;
    private final CscProperties properties;
    private final ServiceInfoCache info;
    private volatile CscWire.ServerMetadata metadata;

    AuthorizationServer(CscTransport transport, CscProperties properties, ServiceInfoCache info) {
        this.transport = transport;
        this.properties = properties;
        this.info = info;
    }

    /**
     * @param method {@code oauth2/authorize}, {@code oauth2/token}, {@code oauth2/revoke} or {@code
     *     oauth2/pushed_authorize}
     */
    URI endpoint(String method) {
        String issuer = info.get().oauth2Issuer();
        if (properties.oauth2Url() != null || issuer == null || issuer.isBlank()) {
            return URI.create(properties.oauth2Base(info.get().oauth2()) + "/" + method);
        }
        CscWire.ServerMetadata known = metadata(issuer);
        String endpoint = switch (method) {
            case "oauth2/authorize" -> known.authorizationEndpoint();
            case "oauth2/token" -> known.tokenEndpoint();
            default -> known.revocationEndpoint();
        };
        if (endpoint == null || endpoint.isBlank()) {
            throw CscCallException.unreadable("oauth2Issuer", "the issuer's metadata names no endpoint for " + method);
        }
        return URI.create(endpoint);
    }

    private CscWire.ServerMetadata metadata(String issuer) {
        CscWire.ServerMetadata known = metadata;
        if (known == null) {
            known = ask(issuer);
            metadata = known;
        }
        return known;
    }

    /**
     * RFC 8414 section 3.1 inserts the well-known path between host and the issuer's path; many
     * servers also answer it appended to the issuer (section 5), which is tried second.
     */
    private CscWire.ServerMetadata ask(String issuer) {
        URI id = URI.create(issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer);
        String path = id.getRawPath() == null ? "" : id.getRawPath();
        URI inserted = id.resolve(WELL_KNOWN + path);
        CscWire.ServerMetadata answer;
        try {
            answer = get(inserted);
        } catch (CscCallException e) {
            if (e.status() != 404) {
                throw e;
            }
            answer = get(URI.create(id + WELL_KNOWN));
        }
        // Section 3.3: metadata for another issuer must not be used.
        if (answer.issuer() == null || !answer.issuer().equals(id.toString())) {
            throw CscCallException.unreadable(
                    "oauth2Issuer", "the metadata names issuer " + answer.issuer() + ", not " + id);
        }
        return answer;
    }

    private CscWire.ServerMetadata get(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(properties.requestTimeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        return transport.send("oauth2/metadata", request, CscWire.ServerMetadata.class);
    }
}
