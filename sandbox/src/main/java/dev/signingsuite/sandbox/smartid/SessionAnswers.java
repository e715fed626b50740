package dev.signingsuite.sandbox.smartid;

import dev.signingsuite.sandbox.signing.SigningLog;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

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

    SessionAnswers(SmartIdAccounts accounts, URI deviceLinkBase, SigningLog log) {
        this.log = log;
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
        try {
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put(
                    "value",
                    Base64.getEncoder().encodeToString(shown.key().certificate().getEncoded()));
            cert.put("certificateLevel", level);
            return cert;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
