package dev.signingsuite.sandbox.csc;

/**
 * The real service the simulator poses as, each strict in its own way; the sources are cited in
 * the sandbox's CSC README and checked by {@code CscProfileTest} with their published examples.
 */
public enum CscProfile {
    /** The specification: either alphabet for {@code hashes} on authorize, either client authentication. */
    GENERIC,
    /**
     * LVRTC eParaksts' CSC layer: authorize {@code hashes} in standard Base64 only (base64url is
     * refused before the person logs in), authorisation requests pushed first (PAR, RFC 9126),
     * clients authenticate by HTTP Basic, and a credential
     * token is spent by its first {@code signHash}, also a refused one.
     */
    LVRTC,
    /**
     * SIGN8: the authorisation server is named by {@code oauth2Issuer} (RFC 8414 metadata), its
     * browser endpoint is {@code /authorize} (there is no {@code oauth2/authorize}), and the client
     * secret goes in the form.
     */
    SIGN8,
    /**
     * The EU reference RSSP: {@code signHash} without {@code operationMode} or {@code
     * hashAlgorithmOID} fails with 500; clients authenticate by HTTP Basic.
     */
    EUDI_REFERENCE;

    /** Whether authorize's {@code hashes} must be standard Base64 ({@code +}, {@code /}, padded). */
    boolean standardBase64Hashes() {
        return this == LVRTC;
    }

    /** Whether the token endpoint takes the client only by HTTP Basic. */
    boolean basicClientOnly() {
        return this == LVRTC || this == EUDI_REFERENCE;
    }

    /** Whether the token endpoint takes the client only in the form. */
    boolean formClientOnly() {
        return this == SIGN8;
    }

    /** Whether {@code signHash} needs {@code operationMode} and {@code hashAlgorithmOID}. */
    boolean fullSignHashShape() {
        return this == EUDI_REFERENCE;
    }

    /** Whether a credential token or SAD is spent by its first {@code signHash}, answered or refused. */
    boolean singleUseTokens() {
        return this == LVRTC;
    }

    /** Whether {@code oauth2/authorize} takes only a {@code request_uri} from {@code oauth2/pushed_authorize}. */
    boolean pushedAuthorizationRequired() {
        return this == LVRTC;
    }

    /** Whether the authorisation server is an issuer with metadata and a {@code /authorize} endpoint. */
    boolean issuerMetadata() {
        return this == SIGN8;
    }
}
