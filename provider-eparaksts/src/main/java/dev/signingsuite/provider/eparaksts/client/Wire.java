package dev.signingsuite.provider.eparaksts.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON bodies of the platform calls this client makes, named as the platform names them. */
final class Wire {

    private Wire() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Long expiresIn,
            String scope) {

        @Override
        public String toString() {
            return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UsersMe(@JsonProperty("sign_identities") List<Identity> signIdentities) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IdentityEnvelope(Identity identity) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Identity(String id, String description, List<String> labels, Status status, Details details) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(String value) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Details(String certificate) {}

    record BatchRequest(
            @JsonProperty("sign_identity_id") String signIdentityId,
            @JsonProperty("signature_algorithm") String signatureAlgorithm,
            List<BatchItem> requests) {}

    record BatchItem(
            @JsonProperty("digest_value") String digestValue,
            @JsonProperty("signature_algorithm") String signatureAlgorithm) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorResponse(
            String error, @JsonProperty("error_description") String errorDescription) {}
}
