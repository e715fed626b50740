package dev.signingsuite.sandbox.smartid;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.sandbox.signing.SigningLog;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bodies the simulated service answers: a created session, a person's outcome (signed when OK)
 * and the certificate. Holds the robustness hooks that make the answers wrong on purpose.
 */
final class SessionAnswers {

    private final SmartIdAccounts accounts;
    private final URI deviceLinkBase;
    private volatile boolean tamperSignatures;
    private volatile String reportedLevel;
    private volatile String foreignCertificateOf;

    private final SigningLog log;
    private final Supplier<SmartIdSettings> settings;
    private final SecureRandom random = new SecureRandom();

    SessionAnswers(SmartIdAccounts accounts, URI deviceLinkBase, SigningLog log, Supplier<SmartIdSettings> settings) {
        this.log = log;
        this.settings = settings;
        this.accounts = accounts;
        this.deviceLinkBase = deviceLinkBase;
    }

    void tamperSignatures(boolean tamper) {
        this.tamperSignatures = tamper;
    }

    void reportLevel(String level) {
        this.reportedLevel = level;
    }

    void foreignCertificate(String documentNumber) {
        this.foreignCertificateOf = documentNumber;
    }

    URI deviceLinkBase() {
        return deviceLinkBase;
    }

    Map<String, Object> created(Session session) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sessionID", session.id);
        if (session.deviceLink) {
            answer.put("sessionToken", session.sessionToken);
            answer.put("sessionSecret", session.sessionSecret);
            answer.put("deviceLinkBase", deviceLinkBase.toString());
        }
        return answer;
    }

    /** The COMPLETE body for the person's answer on the phone: the account's outcome, signed if OK. */
    Map<String, Object> outcome(Session session, String flowType) {
        SmartIdAccounts.Account account = session.account;
        if (!"OK".equals(account.endResult())) {
            return failure(account.endResult(), account.interaction());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("endResult", "OK");
        result.put("documentNumber", account.documentNumber());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "COMPLETE");
        body.put("result", result);
        Map<String, Object> signature = new LinkedHashMap<>();
        if (session.kind == Session.Kind.AUTHENTICATION) {
            return authenticated(session, flowType, body, result);
        }
        if (session.kind == Session.Kind.SIGNATURE) {
            SmartIdRequests.Sign sign = session.sign;
            byte[] value = RawDigestSigner.sign(
                    account.key().privateKey(), sign.signatureAlgorithm(), sign.hashAlgorithm(), sign.digestBytes());
            log.signed(SigningLog.SMARTID, sign.digestBytes());
            if (tamperSignatures) {
                value[value.length / 2] ^= 1;
            }
            body.put("signatureProtocol", "RAW_DIGEST_SIGNATURE");
            signature.put("value", Base64.getEncoder().encodeToString(value));
            signature.put("flowType", flowType);
            signature.put("signatureAlgorithm", sign.signatureAlgorithm());
            if ("rsassa-pss".equals(sign.signatureAlgorithm())) {
                signature.put("signatureAlgorithmParameters", pssParameters(sign.hashAlgorithm()));
            }
        } else {
            signature.put("flowType", flowType);
        }
        body.put("signature", signature);
        body.put("cert", cert(account));
        if (session.kind == Session.Kind.SIGNATURE) {
            body.put("interactionTypeUsed", session.sign.interactionTypes().get(0));
        }
        if (!session.ignoredProperties.isEmpty()) {
            body.put("ignoredProperties", session.ignoredProperties);
        }
        return body;
    }

    // §5.1, §15.8: the phone signs the ACSP_V2 payload with the authentication key.
    private Map<String, Object> authenticated(
            Session session, String flowType, Map<String, Object> body, Map<String, Object> result) {
        SmartIdRequests.Sign auth = session.sign;
        byte[] random = new byte[32];
        this.random.nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String userChallenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier.getBytes(UTF_8)));
        byte[] server = new byte[18];
        this.random.nextBytes(server);
        String serverRandom = Base64.getEncoder().encodeToString(server);
        String interactionTypeUsed = auth.interactionTypes().get(0);
        String payload = String.join(
                "|",
                settings.get().schemeName(),
                "ACSP_V2",
                serverRandom,
                auth.digest(),
                userChallenge,
                Base64.getEncoder()
                        .encodeToString(String.valueOf(session.relyingPartyName).getBytes(UTF_8)),
                "",
                Base64.getEncoder().encodeToString(sha256(auth.interactions().getBytes(UTF_8))),
                interactionTypeUsed,
                "QR".equals(flowType) || "Notification".equals(flowType) || session.initialCallbackUrl == null
                        ? ""
                        : session.initialCallbackUrl,
                flowType);
        byte[] value = signPayload(session.account, auth, payload.getBytes(UTF_8));
        if (tamperSignatures) {
            value[value.length / 2] ^= 1;
        }
        session.userChallengeVerifier = verifier;
        body.put("signatureProtocol", "ACSP_V2");
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("value", Base64.getEncoder().encodeToString(value));
        signature.put("serverRandom", serverRandom);
        signature.put("userChallenge", userChallenge);
        signature.put("flowType", flowType);
        signature.put("signatureAlgorithm", auth.signatureAlgorithm());
        if ("rsassa-pss".equals(auth.signatureAlgorithm())) {
            signature.put("signatureAlgorithmParameters", pssParameters(auth.hashAlgorithm()));
        }
        body.put("signature", signature);
        SmartIdAccounts.Account shown = session.account;
        String foreign = foreignCertificateOf;
        if (foreign != null) {
            shown = accounts.byDocumentNumber(foreign).orElse(shown);
        }
        body.put("cert", certificate(shown.authenticationKey(), reportedLevel != null ? reportedLevel : shown.level()));
        body.put("interactionTypeUsed", interactionTypeUsed);
        return body;
    }

    private static byte[] signPayload(SmartIdAccounts.Account account, SmartIdRequests.Sign auth, byte[] payload) {
        try {
            String hash = auth.hashAlgorithm();
            Signature signer;
            if ("rsassa-pss".equals(auth.signatureAlgorithm())) {
                signer = Signature.getInstance("RSASSA-PSS");
                signer.setParameter(new PSSParameterSpec(
                        hash, "MGF1", new MGF1ParameterSpec(hash), RawDigestSigner.HASH_LENGTHS.get(hash), 1));
            } else {
                signer = Signature.getInstance(hash.replace("-", "") + "withRSA");
            }
            signer.initSign(account.authenticationKey().privateKey());
            signer.update(payload);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the ACSP_V2 payload", e);
        }
    }

    static String flowType(Map<String, Object> body) {
        Object signature = body.get("signature");
        return signature instanceof Map<?, ?> map ? (String) map.get("flowType") : null;
    }

    static String sessionSecretDigest(String sessionSecret) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sha256(Base64.getDecoder().decode(sessionSecret)));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> pssParameters(String hash) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("hashAlgorithm", hash);
        parameters.put("maskGenAlgorithm", Map.of("algorithm", "id-mgf1", "parameters", Map.of("hashAlgorithm", hash)));
        parameters.put("saltLength", RawDigestSigner.HASH_LENGTHS.get(hash));
        parameters.put("trailerField", "0xbc");
        return parameters;
    }

    static Map<String, Object> failure(String endResult, String interaction) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("endResult", endResult);
        if (interaction != null) {
            result.put("details", Map.of("interaction", interaction));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "COMPLETE");
        body.put("result", result);
        return body;
    }

    Map<String, Object> cert(SmartIdAccounts.Account account) {
        SmartIdAccounts.Account shown = account;
        String foreign = foreignCertificateOf;
        if (foreign != null) {
            shown = accounts.byDocumentNumber(foreign).orElse(account);
        }
        String level = reportedLevel != null ? reportedLevel : account.level();
        return certificate(shown.key(), level);
    }

    private static Map<String, Object> certificate(dev.signingsuite.sandbox.pki.PkiEntity entity, String level) {
        try {
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put(
                    "value",
                    Base64.getEncoder().encodeToString(entity.certificate().getEncoded()));
            cert.put("certificateLevel", level);
            return cert;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
