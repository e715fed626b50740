package dev.signingsuite.provider.csc.client;

/**
 * How a CSC service departs from what the specification leaves open: one name for an operator to
 * pick instead of tuning each behaviour ({@code signing.csc.profile}); a single behaviour can still
 * be overridden ({@code signing.csc.overrides}). The sources are in provider-csc's README.
 */
enum ServiceProfile {
    /** The specification's defaults: base64url {@code hashes} on authorize, the client secret in the form. */
    GENERIC(new Behaviours(HashAlphabet.BASE64URL, false, false, ClientAuth.FORM, false, false, false, false, false)),
    /**
     * LVRTC eParaksts' CSC layer: authorisation requests pushed first (PAR), standard Base64 {@code
     * hashes} (base64url is refused),
     * {@code hashAlgorithmOID} always sent, HTTP Basic client authentication, single-use tokens.
     */
    LVRTC(new Behaviours(HashAlphabet.BASE64, true, false, ClientAuth.BASIC, true, true, false, false, false)),
    /**
     * SIGN8: the client secret in the form; {@code /authorize} is found through {@code oauth2Issuer};
     * a {@code signPolling} still pending is answered 400 (or 200 without signatures), not 202.
     */
    SIGN8(new Behaviours(HashAlphabet.BASE64URL, false, false, ClientAuth.FORM, false, false, false, true, false)),
    /**
     * The EU reference RSSP: {@code signHash} without {@code operationMode} and {@code
     * hashAlgorithmOID} is answered 500; Spring Authorization Server authenticates clients by Basic.
     */
    EUDI_REFERENCE(
            new Behaviours(HashAlphabet.BASE64URL, true, true, ClientAuth.BASIC, false, false, false, false, false));

    private final Behaviours behaviours;

    ServiceProfile(Behaviours behaviours) {
        this.behaviours = behaviours;
    }

    public Behaviours behaviours() {
        return behaviours;
    }

    /** The alphabet of the {@code hashes} query parameter of {@code oauth2/authorize}. */
    public enum HashAlphabet {
        /** RFC 4648 section 5, no padding: the specification's (section 8.4.2). */
        BASE64URL,
        /** RFC 4648 section 4, padded. */
        BASE64
    }

    /** How the client authenticates at the token, PAR and revocation endpoints (RFC 6749 section 2.3.1). */
    public enum ClientAuth {
        /** {@code client_id} and {@code client_secret} in the form body. */
        FORM,
        /** HTTP Basic, id and secret form-url-encoded; every server must support it. */
        BASIC
    }

    /**
     * @param hashesAlphabet the {@code hashes} alphabet on {@code oauth2/authorize}
     * @param alwaysHashAlgorithmOid send {@code hashAlgorithmOID} in {@code signHash} also when
     *     {@code signAlgo} implies it
     * @param sendOperationMode send {@code operationMode: "S"} in {@code signHash}, not only imply it
     * @param tokenClientAuth client authentication at the OAuth 2.0 endpoints
     * @param singleUseTokens a credential token (or SAD) is spent by its first {@code signHash},
     *     answered or not: never sent twice, and a lost answer is never asked again
     * @param pushedAuthorization push the authorisation request ({@code oauth2/pushed_authorize},
     *     RFC 9126) and send the browser with its {@code request_uri} only
     * @param asynchronousSignHash {@code signHash} with {@code operationMode "A"}, its signatures
     *     fetched by {@code signatures/signPolling} (only where {@code info} lists that method)
     * @param pendingAs400 a {@code signPolling} whose signing is still going on may be answered
     *     400 with a description saying so, or 200 without signatures, as well as the
     *     specification's 202
     * @param authorizationDetails ask for a credential authorisation as {@code
     *     authorization_details} (RAR, type {@code credential}) instead of {@code scope=credential}
     *     with query parameters, and repeat it at the token endpoint
     */
    public record Behaviours(
            HashAlphabet hashesAlphabet,
            boolean alwaysHashAlgorithmOid,
            boolean sendOperationMode,
            ClientAuth tokenClientAuth,
            boolean singleUseTokens,
            boolean pushedAuthorization,
            boolean asynchronousSignHash,
            boolean pendingAs400,
            boolean authorizationDetails) {}
}
