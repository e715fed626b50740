package dev.signingsuite.sandbox.csc;

import static dev.signingsuite.sandbox.csc.CscHttp.assertError;
import static dev.signingsuite.sandbox.csc.CscHttp.b64;
import static dev.signingsuite.sandbox.csc.CscHttp.digest;
import static dev.signingsuite.sandbox.csc.CscHttp.json;
import static dev.signingsuite.sandbox.csc.CscHttp.ok;
import static dev.signingsuite.sandbox.csc.CscHttp.texts;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The credential catalogue, explicit authorisation, SCAL 1 and SCAL 2 and every signature algorithm over HTTP. */
class CscCredentialsTest {

    private static final String SEAL = CscSettings.DEFAULT_CREDENTIAL_ID;
    private static final String EC = CscSettings.EC_CREDENTIAL_ID;
    private static final String OTP = CscSettings.OTP_CREDENTIAL_ID;
    private static final String OAUTH = CscSettings.OAUTH_CREDENTIAL_ID;
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String PSS = "1.2.840.113549.1.1.10";
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    /** SHA-256, MGF1 with SHA-256, salt 32, trailer 1: the CSC Tester's sample. */
    private static final String PSS_SHA256 =
            "MDmgDzANBglghkgBZQMEAgEFAKEcMBoGCSqGSIb3DQEBCDANBglghkgBZQMEAgEFAKIDAgEgowMCAQE=";

    private CscHttp csc;
    private String token;

    @BeforeEach
    void start() throws Exception {
        csc = new CscHttp(CscSettings.defaults());
        token = csc.serviceToken();
    }

    @AfterEach
    void stop() {
        csc.close();
    }

    @Test
    void listsTheCatalogueWithKeysScalAuthModesAndChainsFromTheSandboxPki() throws Exception {
        JsonNode list = ok(csc.call(
                "credentials/list",
                "{\"credentialInfo\":true,\"certificates\":\"chain\",\"certInfo\":true,\"authInfo\":true}",
                token));
        assertThat(texts(list.get("credentialIDs"))).containsExactly(SEAL, EC, OTP, OAUTH);
        Map<String, JsonNode> infos = new LinkedHashMap<>();
        list.get("credentialInfos")
                .values()
                .forEach(info -> infos.put(info.get("credentialID").stringValue(), info));

        JsonNode ec = infos.get(EC);
        assertThat(texts(ec.get("key").get("algo")))
                .contains(ECDSA_SHA256, EC_PUBLIC_KEY)
                .doesNotContain(SHA256_WITH_RSA);
        assertThat(ec.get("key").get("len").intValue()).isEqualTo(256);
        assertThat(ec.get("key").get("curve").stringValue()).isEqualTo("1.2.840.10045.3.1.7");
        assertThat(ec.get("SCAL").stringValue()).isEqualTo("2");
        assertThat(ec.get("auth").get("mode").stringValue()).isEqualTo("explicit");
        assertThat(ec.get("auth").get("expression").stringValue()).isEqualTo("PIN");

        JsonNode otp = infos.get(OTP);
        assertThat(otp.get("auth").get("expression").stringValue()).isEqualTo("PIN AND OTP");
        List<String> objectIds = new ArrayList<>();
        otp.get("auth")
                .get("objects")
                .values()
                .forEach(o -> objectIds.add(o.get("id").stringValue()));
        assertThat(objectIds).containsExactly("PIN", "OTP");
        assertThat(texts(otp.get("key").get("algo"))).contains(SHA256_WITH_RSA, PSS);

        assertThat(infos.get(OAUTH).get("auth").get("mode").stringValue()).isEqualTo("oauth2code");
        assertThat(infos.get(OAUTH).get("SCAL").stringValue()).isEqualTo("2");
        assertThat(infos.get(SEAL).get("SCAL").stringValue()).isEqualTo("1");
        assertThat(infos.get(SEAL).get("auth").get("objects")).isEmpty();

        X509Certificate rsaIssuer = chain(infos.get(SEAL)).get(1);
        for (String id : List.of(SEAL, EC, OTP, OAUTH)) {
            List<X509Certificate> chain = chain(infos.get(id));
            assertThat(chain.get(0)).as(id).isEqualTo(csc.simulator.certificate(id));
            assertThat(chain.get(1))
                    .as("%s issued by the sandbox issuing CA", id)
                    .isEqualTo(rsaIssuer);
            for (int i = 0; i + 1 < chain.size(); i++) {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            }
            assertThat(infos.get(id).get("cert").get("serialNumber").stringValue())
                    .isEqualToIgnoringCase(chain.get(0).getSerialNumber().toString(16));
        }
        assertThat(csc.simulator.certificate(EC).getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void scal2SadSignsExactlyTheHashesItWasGivenEachOnce() throws Exception {
        List<byte[]> documents = List.of(bytes("a"), bytes("b"), bytes("c"));
        List<String> hashes = sha256(documents);
        String sad = authorize(EC, 3, hashes, SHA256, List.of(Map.of("id", "PIN", "value", CscSettings.EC_PIN)));

        assertError(
                signHash(EC, sad, ECDSA_SHA256, null, sha256(List.of(bytes("other")))),
                400,
                "invalid_request",
                "Hash is not authorized by the SAD");
        assertError(
                signHash(
                        EC,
                        sad,
                        ECDSA_SHA256,
                        null,
                        List.of(hashes.get(0), sha256(List.of(bytes("x"))).get(0))),
                400,
                "invalid_request",
                "Hash is not authorized by the SAD");

        JsonNode first = ok(signHash(EC, sad, ECDSA_SHA256, null, hashes.subList(0, 2)));
        List<String> values = texts(first.get("signatures"));
        for (int i = 0; i < 2; i++) {
            byte[] value = Base64.getDecoder().decode(values.get(i));
            assertThat(value[0]).as("DER ECDSA-Sig-Value").isEqualTo((byte) 0x30);
            assertThat(verifies("SHA256withECDSA", EC, documents.get(i), value)).isTrue();
        }
        assertError(
                signHash(EC, sad, ECDSA_SHA256, null, hashes.subList(0, 1)),
                400,
                "invalid_request",
                "Hash is not authorized by the SAD");
        ok(signHash(EC, sad, ECDSA_SHA256, null, hashes.subList(2, 3)));
        assertError(
                signHash(EC, sad, ECDSA_SHA256, null, hashes.subList(2, 3)),
                400,
                "invalid_request",
                "Invalid parameter SAD");

        assertThat(csc.simulator.authorizations(EC)).isEqualTo(1);
        assertThat(csc.simulator.signHashSizes(EC)).containsExactly(2, 1);
        assertThat(csc.simulator.signHashSizes(SEAL)).isEmpty();
    }

    @Test
    void scal2AuthorizeNeedsTheHashesAndOneSignaturePerHash() throws Exception {
        List<Map<String, String>> pin = List.of(Map.of("id", "PIN", "value", CscSettings.EC_PIN));
        assertError(
                csc.call(
                        "credentials/authorize",
                        json(Map.of("credentialID", EC, "numSignatures", 1, "authData", pin)),
                        token),
                400,
                "invalid_request",
                "Missing (or invalid type) array parameter hashes");
        assertError(
                csc.call(
                        "credentials/authorize",
                        json(Map.of(
                                "credentialID", EC,
                                "numSignatures", 2,
                                "hashes", sha256(List.of(bytes("a"))),
                                "hashAlgorithmOID", SHA256,
                                "authData", pin)),
                        token),
                400,
                "invalid_request",
                "Invalid value for parameter numSignatures");
        assertError(
                csc.call(
                        "credentials/authorize",
                        json(Map.of(
                                "credentialID",
                                EC,
                                "numSignatures",
                                1,
                                "hashes",
                                sha256(List.of(bytes("a"))),
                                "authData",
                                pin)),
                        token),
                400,
                "invalid_request",
                "Missing (or invalid type) string parameter hashAlgorithmOID");
        assertThat(csc.simulator.authorizations(EC)).isZero();
    }

    @Test
    void aWrongPinIsRefusedWithTheSpecificationsError() throws Exception {
        List<String> hashes = sha256(List.of(bytes("a")));
        assertError(
                csc.call(
                        "credentials/authorize",
                        json(Map.of(
                                "credentialID", EC,
                                "numSignatures", 1,
                                "hashes", hashes,
                                "hashAlgorithmOID", SHA256,
                                "authData", List.of(Map.of("id", "PIN", "value", "000000")))),
                        token),
                400,
                "invalid_authentication_data",
                "The authentication data is invalid");
        assertError(
                csc.call(
                        "credentials/authorize",
                        json(Map.of(
                                "credentialID", EC, "numSignatures", 1, "hashes", hashes, "hashAlgorithmOID", SHA256)),
                        token),
                400,
                "invalid_request",
                "Missing (or invalid type) array parameter authData");
    }

    @Test
    void theOtpComesFromSendOtpIsCheckedAndIsSpentByTheAuthorisation() throws Exception {
        Map<String, String> pin = Map.of("id", "PIN", "value", CscSettings.OTP_PIN);
        assertError(
                authorizeCall(OTP, 1, List.of(pin)),
                400,
                "invalid_authentication_data",
                "The authentication data is invalid");

        HttpResponse<byte[]> sent = csc.call("credentials/sendOTP", json(Map.of("credentialID", OTP)), token);
        assertThat(sent.statusCode()).isEqualTo(204);
        String otp = csc.simulator.lastOtp(OTP).orElseThrow();
        assertThat(otp).matches("\\d{6}");
        assertThat(csc.simulator.otpOutbox()).hasSize(1);
        assertThat(ok(csc.get("mock/otp?credentialID=" + OTP)).get("otp").stringValue())
                .isEqualTo(otp);

        String wrong = otp.equals("000000") ? "111111" : "000000";
        assertError(
                authorizeCall(OTP, 1, List.of(pin, Map.of("id", "OTP", "value", wrong))),
                400,
                "invalid_authentication_data",
                "The authentication data is invalid");
        assertError(
                authorizeCall(
                        OTP, 1, List.of(Map.of("id", "PIN", "value", "999999"), Map.of("id", "OTP", "value", otp))),
                400,
                "invalid_authentication_data",
                "The authentication data is invalid");

        String sad = ok(authorizeCall(OTP, 1, List.of(pin, Map.of("id", "OTP", "value", otp))))
                .get("SAD")
                .stringValue();
        JsonNode signed = ok(signHash(OTP, sad, SHA256_WITH_RSA, null, sha256(List.of(bytes("doc")))));
        assertThat(verifies(
                        "SHA256withRSA",
                        OTP,
                        bytes("doc"),
                        Base64.getDecoder()
                                .decode(texts(signed.get("signatures")).get(0))))
                .isTrue();
        assertError(
                authorizeCall(OTP, 1, List.of(pin, Map.of("id", "OTP", "value", otp))),
                400,
                "invalid_authentication_data",
                "The authentication data is invalid");
    }

    @Test
    void anOtpExpires() throws Exception {
        HttpResponse<byte[]> challenge =
                csc.call("credentials/getChallenge", json(Map.of("credentialID", OTP, "authObjectID", "OTP")), token);
        assertThat(challenge.statusCode()).isEqualTo(204);
        String otp = csc.simulator.lastOtp(OTP).orElseThrow();
        csc.clock.advance(Duration.ofMinutes(5));
        token = csc.serviceToken();
        assertError(
                authorizeCall(
                        OTP,
                        1,
                        List.of(Map.of("id", "PIN", "value", CscSettings.OTP_PIN), Map.of("id", "OTP", "value", otp))),
                400,
                "invalid_authentication_data",
                "The authentication data is invalid");
        assertError(
                csc.call("credentials/sendOTP", json(Map.of("credentialID", EC)), token),
                400,
                "invalid_request",
                "The credential has no OTP authentication object");
    }

    @Test
    void scal1SadCountsSignaturesAcrossCalls() throws Exception {
        String sad = authorize(SEAL, 3, null, null, List.of());
        ok(signHash(SEAL, sad, SHA256_WITH_RSA, null, sha256(List.of(bytes("1"), bytes("2")))));
        HttpResponse<byte[]> tooMany =
                signHash(SEAL, sad, SHA256_WITH_RSA, null, sha256(List.of(bytes("3"), bytes("4"))));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(CscHttp.JSON
                        .readTree(tooMany.body())
                        .get("error_description")
                        .stringValue())
                .startsWith("Hash is not authorized by the SAD");
        // SCAL 1: any hash, not bound to the authorisation.
        ok(signHash(SEAL, sad, SHA256_WITH_RSA, null, sha256(List.of(bytes("5")))));
        assertError(
                signHash(SEAL, sad, SHA256_WITH_RSA, null, sha256(List.of(bytes("6")))),
                400,
                "invalid_request",
                "Invalid parameter SAD");
        assertThat(csc.simulator.signHashSizes(SEAL)).containsExactly(2, 1);
    }

    @Test
    void rsassaPssValuesVerifyWithTheJdk() throws Exception {
        byte[] document = bytes("pss document");
        String sad = authorize(SEAL, 3, null, null, List.of());
        JsonNode signed = ok(csc.call(
                "signatures/signHash",
                json(Map.of(
                        "credentialID", SEAL,
                        "SAD", sad,
                        "hashes", sha256(List.of(document)),
                        "signAlgo", PSS,
                        "signAlgoParams", PSS_SHA256)),
                token));
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        pss.initVerify(csc.simulator.certificate(SEAL).getPublicKey());
        pss.update(document);
        assertThat(pss.verify(Base64.getDecoder()
                        .decode(texts(signed.get("signatures")).get(0))))
                .isTrue();

        // SHA-384 with salt 48, written by BouncyCastle rather than copied from a sample.
        String params384 = b64(new RSASSAPSSparams(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384, DERNull.INSTANCE),
                        new AlgorithmIdentifier(
                                PKCSObjectIdentifiers.id_mgf1,
                                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384, DERNull.INSTANCE)),
                        new ASN1Integer(48),
                        new ASN1Integer(1))
                .getEncoded(ASN1Encoding.DER));
        JsonNode signed384 = ok(csc.call(
                "signatures/signHash",
                json(Map.of(
                        "credentialID", SEAL,
                        "SAD", sad,
                        "hashes", List.of(b64(digest("SHA-384", document))),
                        "signAlgo", PSS,
                        "signAlgoParams", params384)),
                token));
        Signature pss384 = Signature.getInstance("RSASSA-PSS");
        pss384.setParameter(new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1));
        pss384.initVerify(csc.simulator.certificate(SEAL).getPublicKey());
        pss384.update(document);
        assertThat(pss384.verify(Base64.getDecoder()
                        .decode(texts(signed384.get("signatures")).get(0))))
                .isTrue();

        assertError(
                signHash(SEAL, sad, PSS, null, sha256(List.of(document))),
                400,
                "invalid_request",
                "Missing (or invalid type) string parameter signAlgoParams");
        assertError(
                csc.call(
                        "signatures/signHash",
                        json(Map.of(
                                "credentialID", SEAL,
                                "SAD", sad,
                                "hashes", sha256(List.of(document)),
                                "signAlgo", PSS,
                                "signAlgoParams", PSS_SHA256,
                                "hashAlgorithmOID", SHA384)),
                        token),
                400,
                "invalid_request",
                "Invalid parameter hashAlgorithmOID");
    }

    @Test
    void ecdsaSignsSha384DigestsWithEcPublicKeyAndRefusesRsaAlgorithms() throws Exception {
        byte[] document = bytes("ecdsa sha-384");
        List<String> hashes = List.of(b64(digest("SHA-384", document)));
        String sad = authorize(EC, 1, hashes, SHA384, List.of(Map.of("id", "PIN", "value", CscSettings.EC_PIN)));

        assertError(
                signHash(EC, sad, SHA256_WITH_RSA, null, hashes), 400, "invalid_request", "Invalid parameter signAlgo");
        assertError(
                signHash(EC, sad, EC_PUBLIC_KEY, null, hashes),
                400,
                "invalid_request",
                "Missing (or invalid type) string parameter hashAlgorithmOID");
        assertError(
                signHash(EC, sad, ECDSA_SHA256, null, hashes), 400, "invalid_request", "Invalid digest value length");

        JsonNode signed = ok(signHash(EC, sad, EC_PUBLIC_KEY, SHA384, hashes));
        assertThat(verifies(
                        "SHA384withECDSA",
                        EC,
                        document,
                        Base64.getDecoder()
                                .decode(texts(signed.get("signatures")).get(0))))
                .isTrue();
    }

    @Test
    void aLockAfterRepeatedWrongPinsAndADisabledKeyRefuseAuthorisation() throws Exception {
        csc.simulator.lockAfterFailures(2);
        List<String> hashes = sha256(List.of(bytes("a")));
        Map<String, Object> wrong = Map.of(
                "credentialID", EC,
                "numSignatures", 1,
                "hashes", hashes,
                "hashAlgorithmOID", SHA256,
                "authData", List.of(Map.of("id", "PIN", "value", "000000")));
        Map<String, Object> right = new LinkedHashMap<>(wrong);
        right.put("authData", List.of(Map.of("id", "PIN", "value", CscSettings.EC_PIN)));
        assertThat(csc.call("credentials/authorize", json(wrong), token).statusCode())
                .isEqualTo(400);
        ok(csc.call("credentials/authorize", json(right), token));
        assertThat(csc.call("credentials/authorize", json(wrong), token).statusCode())
                .isEqualTo(400);
        assertThat(csc.call("credentials/authorize", json(wrong), token).statusCode())
                .isEqualTo(400);
        assertError(csc.call("credentials/authorize", json(right), token), 400, "invalid_request", "Credential locked");
        csc.simulator.unlock(EC);
        String sad = ok(csc.call("credentials/authorize", json(right), token))
                .get("SAD")
                .stringValue();

        csc.simulator.disable(EC, true);
        JsonNode info = ok(csc.call("credentials/info", json(Map.of("credentialID", EC)), token));
        assertThat(info.get("key").get("status").stringValue()).isEqualTo("disabled");
        assertError(
                signHash(EC, sad, ECDSA_SHA256, null, hashes),
                400,
                "invalid_request",
                "The credential identified by credentialID is disabled");
        assertError(
                csc.call("credentials/authorize", json(right), token),
                400,
                "invalid_request",
                "The credential identified by credentialID is disabled");
        csc.simulator.disable(EC, false);
        ok(signHash(EC, sad, ECDSA_SHA256, null, hashes));
    }

    @Test
    void theOauth2codeCredentialRefusesCredentialsAuthorize() throws Exception {
        assertError(
                authorizeCall(OAUTH, 1, List.of()),
                400,
                "invalid_request",
                "The credential's authorization mode is oauth2code: use oauth2/authorize with scope=credential");
        assertThat(csc.simulator.calls("credentials/authorize")).isEqualTo(1);
    }

    private String authorize(String credential, int num, List<String> hashes, String hashAlgorithm, List<?> authData)
            throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("credentialID", credential);
        request.put("numSignatures", num);
        if (hashes != null) {
            request.put("hashes", hashes);
            request.put("hashAlgorithmOID", hashAlgorithm);
        }
        request.put("authData", authData);
        JsonNode answer = ok(csc.call("credentials/authorize", json(request), token));
        assertThat(answer.get("expiresIn").intValue()).isEqualTo(300);
        return answer.get("SAD").stringValue();
    }

    private HttpResponse<byte[]> authorizeCall(String credential, int num, List<?> authData) throws Exception {
        return csc.call(
                "credentials/authorize",
                json(Map.of("credentialID", credential, "numSignatures", num, "authData", authData)),
                token);
    }

    private HttpResponse<byte[]> signHash(
            String credential, String sad, String signAlgo, String hashAlgorithmOid, List<String> hashes)
            throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("credentialID", credential);
        request.put("SAD", sad);
        request.put("hashes", hashes);
        request.put("signAlgo", signAlgo);
        if (hashAlgorithmOid != null) {
            request.put("hashAlgorithmOID", hashAlgorithmOid);
        }
        return csc.call("signatures/signHash", json(request), token);
    }

    private boolean verifies(String algorithm, String credential, byte[] data, byte[] value) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initVerify(csc.simulator.certificate(credential).getPublicKey());
        signature.update(data);
        return signature.verify(value);
    }

    private static List<X509Certificate> chain(JsonNode info) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (String encoded : texts(info.get("cert").get("certificates"))) {
            chain.add((X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(encoded))));
        }
        return chain;
    }

    private static List<String> sha256(List<byte[]> documents) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (byte[] document : documents) {
            hashes.add(b64(digest("SHA-256", document)));
        }
        return hashes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
