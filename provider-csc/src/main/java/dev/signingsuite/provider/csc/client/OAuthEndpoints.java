package dev.signingsuite.provider.csc.client;

import static dev.signingsuite.provider.csc.client.CscTransport.encode;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * The OAuth 2.0 endpoints where {@link AuthorizationServer} finds them:
 * {@code oauth2/authorize} URLs for a person's browser (PKCE S256), {@code oauth2/token} for the
 * client-credentials, authorisation-code and refresh grants, and {@code oauth2/revoke}. The client
 * authenticates with its id and secret in the form or by HTTP Basic, as the service profile says.
 * Tokens are never logged.
 */
final class OAuthEndpoints {

    private final CscTransport transport;
    private final CscProperties properties;
    private final Clock clock;
    private final AuthorizationServer server;
    private final CredentialAsks asks = new CredentialAsks();

    OAuthEndpoints(CscTransport transport, CscProperties properties, Clock clock, ServiceInfoCache info) {
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
        this.server = new AuthorizationServer(transport, properties, info);
    }

    /**
     * For {@code scope=credential} the query names the credential, the number of signatures and
     * (SCAL 2) the hashes, comma-separated: base64url as the specification has them, or standard
     * Base64 where the service wants that (LVRTC).
     */
    URI authorizationUrl(CscClient.AuthorizationRequest request) {
        boolean rich = request.credentialId() != null
                && request.hashes() != null
                && properties.behaviours().authorizationDetails();
        String details = rich ? CredentialAsks.authorizationDetails(request) : null;
        StringBuilder query = new StringBuilder("response_type=code&client_id=")
                .append(encode(properties.clientId()))
                .append("&redirect_uri=")
                .append(encode(request.redirectUri().toString()));
        if (rich) {
            // RAR replaces scope=credential and its query parameters (section 8.4.2).
            query.append("&authorization_details=").append(encode(details));
        } else {
            query.append("&scope=").append(request.credentialId() == null ? "service" : "credential");
        }
        query.append("&code_challenge=")
                .append(encode(request.codeChallenge()))
                .append("&code_challenge_method=S256&state=")
                .append(encode(request.state()));
        if (request.credentialId() != null) {
            asks.remember(
                    request.codeChallenge(),
                    new CredentialAsks.Asked(
                            request.credentialId(), request.numSignatures(), request.hashes(), details));
        }
        if (request.credentialId() != null && !rich) {
            query.append("&credentialID=")
                    .append(encode(request.credentialId()))
                    .append("&numSignatures=")
                    .append(request.numSignatures());
            if (request.hashes() != null) {
                Base64.Encoder alphabet = properties.behaviours().hashesAlphabet() == ServiceProfile.HashAlphabet.BASE64
                        ? Base64.getEncoder()
                        : Base64.getUrlEncoder().withoutPadding();
                query.append("&hashes=")
                        .append(encode(String.join(
                                ",",
                                request.hashes().stream()
                                        .map(alphabet::encodeToString)
                                        .toList())))
                        .append("&hashAlgorithmOID=")
                        .append(encode(request.hashAlgorithmOid()));
            }
        }
        if (properties.behaviours().pushedAuthorization()) {
            return pushed(query.toString());
        }
        return URI.create(url("oauth2/authorize") + "?" + query);
    }

    /**
     * PAR (RFC 9126; CSC API v2 section 8.4.3): the parameters go to the server, authenticated as at
     * the token endpoint, and the browser gets only the client id and the {@code request_uri}.
     */
    private URI pushed(String parameters) {
        CscWire.PushedAuthorizationResponse answer = transport.send(
                "oauth2/pushed_authorize",
                authenticated(url("oauth2/pushed_authorize"), parameters),
                CscWire.PushedAuthorizationResponse.class);
        if (answer.requestUri() == null || answer.requestUri().isBlank()) {
            throw CscCallException.unreadable("oauth2/pushed_authorize", "no request_uri in the answer");
        }
        return URI.create(url("oauth2/authorize") + "?client_id=" + encode(properties.clientId()) + "&request_uri="
                + encode(answer.requestUri()));
    }

    /**
     * A credential authorisation asked as {@code authorization_details} repeats them (section
     * 8.4.4); a token that says it covers other digests than asked is refused before any use.
     */
    CscClient.Grant exchangeCode(String code, String codeVerifier, URI redirectUri) {
        CredentialAsks.Asked asked = asks.take(codeVerifier);
        String form = "grant_type=authorization_code&code=" + encode(code) + "&code_verifier=" + encode(codeVerifier)
                + "&redirect_uri=" + encode(redirectUri.toString());
        if (asked != null && asked.authorizationDetails() != null) {
            form += "&authorization_details=" + encode(asked.authorizationDetails());
        }
        return grant(form, asked);
    }

    CscClient.Grant refresh(String refreshToken) {
        return grant("grant_type=refresh_token&refresh_token=" + encode(refreshToken), null);
    }

    /** The client's own service token; the caller checks the token and its lifetime. */
    CscWire.TokenResponse clientCredentials() {
        CscWire.TokenResponse answer = token("grant_type=client_credentials");
        if (answer.tokenType() != null && !"Bearer".equalsIgnoreCase(answer.tokenType())) {
            throw CscCallException.unreadable("oauth2/token", "token_type " + answer.tokenType() + " is not Bearer");
        }
        return answer;
    }

    /** @param tokenTypeHint {@code access_token} or {@code refresh_token} */
    void revoke(String token, String tokenTypeHint) {
        String form = "token=" + encode(token) + "&token_type_hint=" + encode(tokenTypeHint);
        transport.send("oauth2/revoke", authenticated(url("oauth2/revoke"), form), Void.class);
    }

    private CscClient.Grant grant(String form, CredentialAsks.Asked credential) {
        Instant asked = clock.instant();
        CscWire.TokenResponse answer = token(form);
        if (answer.accessToken() == null || answer.accessToken().isBlank()) {
            throw CscCallException.unreadable("oauth2/token", "no access_token in the answer");
        }
        CredentialAsks.requireBound(credential, answer);
        long expiresIn = answer.expiresIn() == null ? 3600 : answer.expiresIn();
        return new CscClient.Grant(
                answer.accessToken(), answer.refreshToken(), asked.plusSeconds(expiresIn), answer.credentialId());
    }

    private CscWire.TokenResponse token(String grantForm) {
        return transport.send(
                "oauth2/token", authenticated(url("oauth2/token"), grantForm), CscWire.TokenResponse.class);
    }

    /**
     * The client's id and secret in the form, or as HTTP Basic with each form-url-encoded first (RFC
     * 6749 section 2.3.1), which every authorisation server must accept.
     */
    private java.net.http.HttpRequest authenticated(URI url, String form) {
        if (properties.behaviours().tokenClientAuth() == ServiceProfile.ClientAuth.BASIC) {
            String pair = encode(properties.clientId()) + ":" + encode(properties.clientSecret());
            return transport.formRequest(
                    url,
                    form,
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return transport.formRequest(
                url,
                form + "&client_id=" + encode(properties.clientId()) + "&client_secret="
                        + encode(properties.clientSecret()));
    }

    private URI url(String method) {
        return server.endpoint(method);
    }
}
