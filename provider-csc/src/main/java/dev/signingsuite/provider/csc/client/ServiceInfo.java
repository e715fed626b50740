package dev.signingsuite.provider.csc.client;

import java.util.List;

/**
 * What the service's {@code info} says about itself, as far as it drives this client: the methods
 * it implements, the service authorisation types, the OAuth 2.0 base and the signature algorithms.
 *
 * @param authTypes {@code authType}: {@code oauth2client}, {@code oauth2code}, {@code basic}, …
 * @param oauth2 the OAuth 2.0 base URI, or null
 * @param oauth2Issuer the authorisation server's RFC 8414 issuer, the alternative to {@code oauth2}
 * @param methods the implemented methods; empty when the service did not say (all assumed)
 */
record ServiceInfo(
        String specs,
        String name,
        List<String> authTypes,
        String oauth2,
        String oauth2Issuer,
        List<String> methods,
        List<String> signAlgorithms) {

    /** What a service that does not answer {@code info} is assumed to be: client credentials, every method. */
    static final ServiceInfo ASSUMED =
            new ServiceInfo(null, null, List.of("oauth2client"), null, null, List.of(), List.of());

    public ServiceInfo {
        authTypes = authTypes == null ? List.of() : List.copyOf(authTypes);
        methods = methods == null ? List.of() : List.copyOf(methods);
        signAlgorithms = signAlgorithms == null ? List.of() : List.copyOf(signAlgorithms);
    }

    /** Whether {@code method} is implemented (every method, when {@code methods} was not given). */
    public boolean offers(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    /** How this client obtains its service token, as {@code authType} allows. */
    ServiceAuth serviceAuth() {
        return serviceAuth(false);
    }

    /**
     * @param serviceAccount whether an {@code auth/login} account is configured: then it is used
     *     where the service offers {@code basic}, since the operator named it on purpose
     */
    ServiceAuth serviceAuth(boolean serviceAccount) {
        if (serviceAccount && authTypes.contains("basic") && offers("auth/login")) {
            return ServiceAuth.LOGIN;
        }
        if (authTypes.isEmpty() || authTypes.contains("oauth2client")) {
            return ServiceAuth.CLIENT_CREDENTIALS;
        }
        if (authTypes.contains("basic") && offers("auth/login")) {
            return ServiceAuth.LOGIN;
        }
        return ServiceAuth.NONE_SUPPORTED;
    }

    enum ServiceAuth {
        /** OAuth 2.0 {@code client_credentials} at {@code <oauth2>/oauth2/token}. */
        CLIENT_CREDENTIALS,
        /** {@code auth/login} with HTTP Basic and the configured service account. */
        LOGIN,
        /** Only types a person must complete ({@code oauth2code}) or this client lacks (TLS, digest). */
        NONE_SUPPORTED
    }
}
