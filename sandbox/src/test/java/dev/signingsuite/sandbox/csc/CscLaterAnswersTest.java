package dev.signingsuite.sandbox.csc;

import static dev.signingsuite.sandbox.csc.CscHttp.assertError;
import static dev.signingsuite.sandbox.csc.CscHttp.ok;
import static dev.signingsuite.sandbox.csc.CscHttp.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.signing.SignedDigest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Answers that come later, driven with the specification's own samples (csc-api-v2.md sections
 * 8.1, 8.2, 9.1, 9.3, which quote SPEC-MD sections 11.6, 11.7, 11.10 and 11.12): an asynchronous
 * signHash ({@code operationMode "A"} → {@code responseID}, then {@code signPolling {requestID}}),
 * "still going on" as the specification answers it (202 {@code accepted_request}) and as SIGN8 does
 * (400 with its own words), and {@code credentials/authorize} answering 202 with a handle for
 * {@code credentials/authorizeCheck}.
 */
class CscLaterAnswersTest {

    /** The signHash and authorize sample's first hash (SPEC-MD sections 11.6, 11.10). */
    private static final String SPEC_HASH = "sTOgwOm+474gFj0q0x1iSNspKqbcse4IeiqlDg/HWuI=";
    /** The signHash sample (SPEC-MD section 11.10), its SAD replaced by one of ours, asynchronous. */
    private static final String SIGN_HASH_SAMPLE = "{\"credentialID\":\"sandbox-seal\",\"SAD\":\"%s\",\"hashes\":[\""
            + SPEC_HASH + "\"],\"hashAlgorithmOID\":\"2.16.840.1.101.3.4.2.1\","
            + "\"signAlgo\":\"1.2.840.113549.1.1.1\",\"clientData\":\"12345678\",\"operationMode\":\"A\"}";

    @Test
    void anAsynchronousSignHashAnswersAResponseIdAndSignPollingTheSignaturesOnceDone() throws Exception {
        try (CscHttp csc = new CscHttp(CscSettings.defaults().withPendingPolls(2))) {
            String token = csc.serviceToken();
            assertThat(texts(ok(csc.call("info", "{}", null)).get("methods")))
                    .contains("signatures/signPolling", "credentials/authorizeCheck");

            JsonNode accepted = ok(csc.call("signatures/signHash", SIGN_HASH_SAMPLE.formatted(sad(csc, token)), token));
            // → (A) {"responseID":"158112-652341-khj"}: the answer carries no signatures.
            assertThat(accepted.has("signatures")).isFalse();
            String responseId = accepted.get("responseID").stringValue();
            assertThat(csc.simulator.signingLog().entries()).hasSize(1);

            String poll = "{\"requestID\":\"" + responseId + "\",\"clientData\":\"12345678\"}";
            for (int i = 0; i < 2; i++) {
                assertError(
                        csc.call("signatures/signPolling", poll, token),
                        202,
                        "accepted_request",
                        "The previous async request has been accepted but not yet completed");
            }
            JsonNode done = ok(csc.call("signatures/signPolling", poll, token));
            assertThat(done.get("signatures")).hasSize(1);
            // Asked again (a lost answer): the same signatures, nothing signed twice.
            assertThat(ok(csc.call("signatures/signPolling", poll, token)).get("signatures"))
                    .isEqualTo(done.get("signatures"));
            assertThat(csc.simulator.signingLog().entries())
                    .extracting(SignedDigest::digest)
                    .containsExactly(Base64.getDecoder().decode(SPEC_HASH));

            assertError(
                    csc.call("signatures/signPolling", "{\"clientData\":\"12345678\"}", token),
                    400,
                    "invalid_request",
                    "Missing (or invalid type) string parameter requestID");
            assertError(
                    csc.call("signatures/signPolling", "{\"requestID\":\"158112-652341-khj\"}", token),
                    400,
                    "invalid_request",
                    "Invalid parameter requestID");
        }
    }

    /**
     * SIGN8 answers a poll of a signature still going on with 400 (SIGN8-MOODLE's tests, quoted in
     * csc-api-v2.md 9.3); the EU reference server does not implement asynchronous signing (501,
     * EUDI-QTSP {@code SignaturesController}, csc-api-v2.md 10.3).
     */
    @Test
    void sign8SaysStillGoingOnWith400AndTheEuReferenceServerDoesNotSignAsynchronously() throws Exception {
        try (CscHttp sign8 = new CscHttp(CscSettings.defaults().withProfile(CscProfile.SIGN8));
                CscHttp eudi = new CscHttp(CscSettings.defaults().withProfile(CscProfile.EUDI_REFERENCE))) {
            // SIGN8's token endpoint is under its issuer (csc-api-v2.md 13.2).
            String token = ok(sign8.form(
                            "issuer/oauth2/token",
                            "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret"))
                    .get("access_token")
                    .stringValue();
            String responseId = ok(sign8.call(
                            "signatures/signHash", SIGN_HASH_SAMPLE.formatted(sad(sign8, token)), token))
                    .get("responseID")
                    .stringValue();
            String poll = "{\"requestID\":\"" + responseId + "\"}";
            assertError(
                    sign8.call("signatures/signPolling", poll, token),
                    400,
                    "invalid_request",
                    "The previous asynchronous signature request has been accepted for processing, but the"
                            + " processing has not yet been completed.");
            assertThat(ok(sign8.call("signatures/signPolling", poll, token)).get("signatures"))
                    .hasSize(1);

            String basic = "Basic " + Base64.getEncoder().encodeToString("sandbox-client:sandbox-secret".getBytes());
            String eudiToken = ok(eudi.post(
                            "oauth2/token",
                            "application/x-www-form-urlencoded",
                            "grant_type=client_credentials",
                            basic))
                    .get("access_token")
                    .stringValue();
            HttpResponse<byte[]> refused =
                    eudi.call("signatures/signHash", SIGN_HASH_SAMPLE.formatted(sad(eudi, eudiToken)), eudiToken);
            assertThat(refused.statusCode()).isEqualTo(501);
            assertThat(eudi.simulator.signingLog().entries()).isEmpty();
        }
    }

    /**
     * The authorize sample (SPEC-MD section 11.6) answered "→ 202 {"handle":...}", then {@code
     * authorizeCheck {handle}} → 202 with the newest handle while still going on, → 200 {@code
     * {SAD, expiresIn}} at the end (section 11.7); an old handle is invalid, and the SAD signs.
     */
    @Test
    void authorizeAnswers202WithAHandleAndAuthorizeCheckTheSadInTheEnd() throws Exception {
        try (CscHttp csc = new CscHttp(CscSettings.defaults().withPendingAuthorizeChecks(2))) {
            String token = csc.serviceToken();
            // The sample's credential asks for PIN and OTP; ours is the RSSP-managed seal (authData []).
            HttpResponse<byte[]> started = csc.call(
                    "credentials/authorize",
                    "{\"credentialID\":\"sandbox-seal\",\"numSignatures\":2,\"hashes\":[\"" + SPEC_HASH + "\",\""
                            + SPEC_HASH + "\"],\"hashAlgorithmOID\":\"2.16.840.1.101.3.4.2.1\",\"authData\":[],"
                            + "\"clientData\":\"12345678\"}",
                    token);
            assertThat(started.statusCode()).isEqualTo(202);
            String handle = CscHttp.JSON.readTree(started.body()).get("handle").stringValue();

            HttpResponse<byte[]> pending = csc.call("credentials/authorizeCheck", check(handle), token);
            assertThat(pending.statusCode()).isEqualTo(202);
            String newest = CscHttp.JSON.readTree(pending.body()).get("handle").stringValue();
            assertThat(newest).isNotEqualTo(handle);
            assertError(
                    csc.call("credentials/authorizeCheck", check(handle), token),
                    400,
                    "invalid_request",
                    "Invalid parameter handle");

            JsonNode sad = ok(csc.call("credentials/authorizeCheck", check(newest), token));
            assertThat(sad.get("expiresIn").asLong()).isPositive();
            String signHash =
                    SIGN_HASH_SAMPLE.formatted(sad.get("SAD").stringValue()).replace("\"A\"", "\"S\"");
            assertThat(ok(csc.call("signatures/signHash", signHash, token)).get("signatures"))
                    .hasSize(1);
            assertError(
                    csc.call("credentials/authorizeCheck", "{}", token),
                    400,
                    "invalid_request",
                    "Missing (or invalid type) string parameter handle");
        }
    }

    private static String check(String handle) {
        return "{\"handle\":\"" + handle + "\"}";
    }

    private static String sad(CscHttp csc, String token) throws Exception {
        return ok(csc.call(
                        "credentials/authorize",
                        "{\"credentialID\":\"sandbox-seal\",\"numSignatures\":1,\"authData\":[]}",
                        token))
                .get("SAD")
                .stringValue();
    }
}
