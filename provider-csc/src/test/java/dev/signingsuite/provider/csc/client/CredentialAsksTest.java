package dev.signingsuite.provider.csc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The credential authorisation as a Rich Authorization Request (csc-api-v2.md 5.2) and the check
 * of LVRTC's {@code digest_signing} answer (eparaksts.md section 12; GOCSC-LV {@code Bound}): a
 * token bound to other digests than the person was asked about is never used.
 */
class CredentialAsksTest {

    /** The specification's sample hash (SPEC-MD sections 8.4.2, 11.6). */
    private static final String SPEC_HASH = "sTOgwOm+474gFj0q0x1iSNspKqbcse4IeiqlDg/HWuI=";

    private final byte[] hash = Base64.getDecoder().decode(SPEC_HASH);

    @Test
    void theRichAuthorizationRequestHasTheSpecificationsFields() {
        String details = CredentialAsks.authorizationDetails(new CscClient.AuthorizationRequest(
                URI.create("http://127.0.0.1/csc/callback"),
                "state",
                "challenge",
                "GX0112348",
                1,
                List.of(hash),
                "2.16.840.1.101.3.4.2.1"));

        JsonNode entry = JsonMapper.builder().build().readTree(details).get(0);
        assertThat(entry.get("type").stringValue()).isEqualTo("credential");
        assertThat(entry.get("credentialID").stringValue()).isEqualTo("GX0112348");
        assertThat(entry.get("documentDigests").get(0).get("hash").stringValue())
                .isEqualTo(SPEC_HASH);
        assertThat(entry.get("hashAlgorithmOID").stringValue()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(entry.get("numSignatures").intValue()).isEqualTo(1);
    }

    @Test
    void aTokenBoundToOtherDigestsIsRefusedBeforeUse() {
        CredentialAsks.Asked asked = new CredentialAsks.Asked("cred", 1, List.of(hash), null);

        CredentialAsks.requireBound(asked, answer("cred", 1, SPEC_HASH));
        CredentialAsks.requireBound(asked, new CscWire.TokenResponse("token", "Bearer", 600L, null, null, null));
        assertThatThrownBy(() -> CredentialAsks.requireBound(
                        asked, answer("cred", 1, Base64.getEncoder().encodeToString(new byte[32]))))
                .isInstanceOf(CscCallException.class)
                .hasMessageContaining("bound to other digests");
        assertThatThrownBy(() -> CredentialAsks.requireBound(asked, answer("another", 1, SPEC_HASH)))
                .isInstanceOf(CscCallException.class);
        assertThatThrownBy(() -> CredentialAsks.requireBound(asked, answer("cred", 2, SPEC_HASH)))
                .isInstanceOf(CscCallException.class);
    }

    /** LVRTC's measured token answer (eparaksts.md section 12), with its values replaced. */
    private static CscWire.TokenResponse answer(String credentialId, Integer count, String digest) {
        return new CscWire.TokenResponse(
                "token",
                "Bearer",
                600L,
                null,
                null,
                List.of(new CscWire.GrantedDetail(
                        "digest_signing", List.of(new CscWire.GrantedDigest(digest, "SHA-256")), credentialId, count)));
    }
}
