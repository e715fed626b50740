package dev.signingsuite.provider.csc.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON bodies of the CSC API v2 methods this client uses, named as the specification names them. */
final class CscWire {

    private CscWire() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Long expiresIn) {

        @Override
        public String toString() {
            return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CredentialInfoRequest(
            @JsonProperty("credentialID") String credentialId,
            String certificates,
            Boolean certInfo,
            Boolean authInfo) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CredentialInfo(
            Key key, Cert cert, @JsonProperty("SCAL") String scal, Integer multisign, Auth auth) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Key(String status, List<String> algo, Integer len) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cert(String status, List<String> certificates, String subjectDN, String validFrom, String validTo) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Auth(String mode) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AuthorizeRequest(
            @JsonProperty("credentialID") String credentialId,
            int numSignatures,
            List<Object> authData,
            String description) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthorizeResponse(@JsonProperty("SAD") String sad, Long expiresIn) {

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
            String signAlgo) {

        @Override
        public String toString() {
            return "SignHashRequest[credentialID=" + credentialId + ", hashes=" + hashes.size() + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SignHashResponse(List<String> signatures) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorResponse(
            String error, @JsonProperty("error_description") String errorDescription) {}
}
