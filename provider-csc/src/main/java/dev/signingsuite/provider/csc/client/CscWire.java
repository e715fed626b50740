package dev.signingsuite.provider.csc.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON bodies of the CSC API v2 methods this client uses, named as the specification names them. */
final class CscWire {

    private CscWire() {}

    /** The answer of {@code oauth2/token}, and of v1's {@code auth/login}, which has the same fields. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("credentialID") String credentialId,
            @JsonProperty("authorization_details") List<GrantedDetail> authorizationDetails) {

        @Override
        public String toString() {
            return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * What a token answer says the token covers; LVRTC's {@code digest_signing} names the digests,
     * credential and count (eparaksts.md section 12).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GrantedDetail(
            String type,
            List<GrantedDigest> digests,
            @JsonProperty("sign_identity_id") String signIdentityId,
            @JsonProperty("num_signatures") Integer numSignatures) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GrantedDigest(String value, String algorithm) {}

    /** A Rich Authorization Request entry of type {@code credential} (CSC API v2 section 8.4.2). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CredentialDetail(
            String type,
            @JsonProperty("credentialID") String credentialId,
            List<DocumentDigest> documentDigests,
            @JsonProperty("hashAlgorithmOID") String hashAlgorithmOid,
            int numSignatures) {}

    record DocumentDigest(String hash, String label) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CredentialInfoRequest(
            @JsonProperty("credentialID") String credentialId,
            String certificates,
            Boolean certInfo,
            Boolean authInfo) {}

    /**
     * @param credentialId only in {@code credentials/list} entries
     * @param authMode v1's {@code implicit|explicit|oauth2code}, read when a service still sends it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CredentialInfo(
            @JsonProperty("credentialID") String credentialId,
            Key key,
            Cert cert,
            @JsonProperty("SCAL") String scal,
            Integer multisign,
            Auth auth,
            String authMode) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Key(String status, List<String> algo, Integer len, String curve) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cert(String status, List<String> certificates, String subjectDN, String validFrom, String validTo) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Auth(String mode, String expression, List<AuthObject> objects) {}

    /** An authentication object of an explicit credential: {@code type} Password, PasswordOOB, … */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthObject(String type, String id, String format, String generator, String label) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InfoResponse(
            String specs,
            String name,
            List<String> authType,
            String oauth2,
            String oauth2Issuer,
            List<String> methods,
            SignAlgorithms signAlgorithms) {}

    /** RFC 9126 section 2.2: the answer of {@code oauth2/pushed_authorize}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PushedAuthorizationResponse(
            @JsonProperty("request_uri") String requestUri,
            @JsonProperty("expires_in") Long expiresIn) {}

    /** RFC 8414 section 2: the endpoints of an authorisation server named by {@code oauth2Issuer}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServerMetadata(
            String issuer,
            @JsonProperty("authorization_endpoint") String authorizationEndpoint,
            @JsonProperty("token_endpoint") String tokenEndpoint,
            @JsonProperty("revocation_endpoint") String revocationEndpoint,

            @JsonProperty("pushed_authorization_request_endpoint")
            String pushedAuthorizationEndpoint) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SignAlgorithms(List<String> algos) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListRequest(Boolean credentialInfo, String certificates, Boolean certInfo, Boolean authInfo) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ListResponse(
            @JsonProperty("credentialIDs") List<String> credentialIds, List<CredentialInfo> credentialInfos) {}

    /** One authentication factor for {@code credentials/authorize}; the value is never logged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AuthData(String id, String value) {

        @Override
        public String toString() {
            return "AuthData[id=" + id + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CredentialRequest(@JsonProperty("credentialID") String credentialId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChallengeRequest(
            @JsonProperty("credentialID") String credentialId,
            @JsonProperty("authObjectID") String authObjectId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AuthorizeRequest(
            @JsonProperty("credentialID") String credentialId,
            int numSignatures,
            List<String> hashes,
            @JsonProperty("hashAlgorithmOID") String hashAlgorithmOid,
            List<AuthData> authData,
            String description) {

        @Override
        public String toString() {
            return "AuthorizeRequest[credentialID=" + credentialId + ", numSignatures=" + numSignatures + "]";
        }
    }

    /** {@code credentials/authorize} and {@code authorizeCheck}: a SAD, or (202) a handle to check with. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthorizeResponse(@JsonProperty("SAD") String sad, Long expiresIn, String handle) {

        @Override
        public String toString() {
            return "AuthorizeResponse[expiresIn=" + expiresIn + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignHashRequest(
            @JsonProperty("credentialID") String credentialId,
            @JsonProperty("SAD") String sad,
            List<String> hashes,
            @JsonProperty("hashAlgorithmOID") String hashAlgorithmOid,
            String signAlgo,
            String signAlgoParams,
            String operationMode) {

        @Override
        public String toString() {
            return "SignHashRequest[credentialID=" + credentialId + ", hashes=" + hashes.size() + "]";
        }
    }

    /** Synchronous: {@code signatures}; asynchronous ({@code operationMode "A"}): {@code responseID}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SignHashResponse(
            List<String> signatures,
            @JsonProperty("responseID") String responseId) {}

    /** {@code signatures/signPolling} (section 11.12) takes the signHash's {@code responseID} as {@code requestID}. */
    record PollingRequest(@JsonProperty("requestID") String requestId) {}

    /** {@code credentials/authorizeCheck} (section 11.7). */
    record AuthorizeCheckRequest(String handle) {

        @Override
        public String toString() {
            return "AuthorizeCheckRequest";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorResponse(
            String error, @JsonProperty("error_description") String errorDescription) {}
}
