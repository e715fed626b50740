package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.csc.Authorizations.AccessToken;
import dev.signingsuite.sandbox.csc.Authorizations.Grant;
import dev.signingsuite.sandbox.csc.Authorizations.Scope;
import dev.signingsuite.sandbox.csc.CscCredentialSettings.AuthMode;
import dev.signingsuite.sandbox.csc.SignAlgorithms.HashAlgorithm;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The CSC API v2 credential and signature methods the simulator implements, on parsed JSON: field
 * names, defaults, checks and error descriptions as in the specification (sections 11.1, 11.4 to
 * 11.6; {@link SignHash} does 11.10; {@code credentials/sendOTP} of v1 and {@code getChallenge} for the OTP). Parameters
 * are checked in the order the specification lists them, so the first fault is the one reported.
 */
final class CscMethods {

    /** Every method {@code info} lists, besides {@code info} itself. */
    static final List<String> IMPLEMENTED = List.of(
            "auth/login",
            "auth/revoke",
            "oauth2/authorize",
            "oauth2/token",
            "oauth2/revoke",
            "oauth2/pushed_authorize",
            "credentials/list",
            "credentials/info",
            "credentials/authorize",
            "credentials/sendOTP",
            "credentials/getChallenge",
            "signatures/signHash",
            "credentials/authorizeCheck",
            "signatures/signPolling");

    private final CscSettings settings;
    private final Map<String, Credential> credentials;
    private final Authorizations authorizations;
    private final Otps otps;
    private final CscCounters counters;
    private final URI baseUrl;
    private final LaterAnswers later;
    private volatile int lockAfterFailures;
    private volatile List<String> authTypes = ALL_AUTH_TYPES;

    /** What {@code info} lists as {@code authType} unless a test narrows it. */
    static final List<String> ALL_AUTH_TYPES = List.of("basic", "oauth2client", "oauth2code");

    CscMethods(
            CscSettings settings,
            Map<String, Credential> credentials,
            Authorizations authorizations,
            Otps otps,
            CscCounters counters,
            URI baseUrl,
            LaterAnswers later) {
        this.later = later;
        this.settings = settings;
        this.credentials = credentials;
        this.authorizations = authorizations;
        this.otps = otps;
        this.counters = counters;
        this.baseUrl = baseUrl;
    }

    /** After this many consecutive wrong PINs/OTPs a credential is locked; 0 never locks. */
    void lockAfterFailures(int failures) {
        lockAfterFailures = Math.max(0, failures);
    }

    void authTypes(List<String> offered) {
        authTypes = List.copyOf(offered);
    }

    Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("specs", "2.0.0.2");
        info.put("name", "Signing Suite CSC Sandbox");
        info.put("logo", baseUrl + "/logo.png");
        info.put("region", "LV");
        info.put("lang", "en-US");
        info.put("description", "Local CSC v2 simulator with test keys; not a trust service");
        info.put("authType", authTypes);
        if (settings.profile().issuerMetadata()) {
            info.put("oauth2Issuer", CscRoutes.issuer(baseUrl).toString());
        } else {
            info.put("oauth2", baseUrl.toString());
        }
        List<String> methods = new ArrayList<>(List.of("info"));
        methods.addAll(IMPLEMENTED);
        info.put("methods", methods);
        info.put(
                "signAlgorithms",
                Map.of(
                        "algos",
                        SignAlgorithms.oids(credentials.values().stream()
                                .map(Credential::keyType)
                                .distinct()
                                .toList())));
        // No signDoc: no formats to offer.
        info.put("signature_formats", Map.of("formats", List.of(), "envelope_properties", List.of()));
        info.put("conformance_levels", List.of());
        return info;
    }

    Map<String, Object> credentialsList(JsonNode request, AccessToken token) {
        requireServiceScope(token, "credentials/list");
        if (request.hasNonNull("userID")) {
            throw CscError.invalidRequest("userID parameter MUST be null");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("credentialIDs", List.copyOf(credentials.keySet()));
        if (flag(request, "credentialInfo")) {
            List<Map<String, Object>> infos = new ArrayList<>();
            for (Credential credential : credentials.values()) {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("credentialID", credential.id());
                info.putAll(credential.info(
                        text(request, "certificates", "single"), flag(request, "certInfo"), flag(request, "authInfo")));
                infos.add(info);
            }
            answer.put("credentialInfos", infos);
        }
        return answer;
    }

    /** Also with a credential-scope token, for its own credential (section 8.4). */
    Map<String, Object> credentialsInfo(JsonNode request, AccessToken token) {
        Credential credential = requireCredential(request);
        if (token.scope() == Scope.CREDENTIAL && !token.grant().credentialId.equals(credential.id())) {
            throw CscError.invalid("credentialID");
        }
        return credential.info(
                text(request, "certificates", "single"), flag(request, "certInfo"), flag(request, "authInfo"));
    }

    /**
     * Explicit authorisation: the PIN and OTP the credential wants in {@code authData} (none for an
     * implicit credential); for SCAL 2 the {@code hashes} the SAD is bound to.
     */
    Map<String, Object> credentialsAuthorize(JsonNode request, AccessToken token) {
        requireServiceScope(token, "credentials/authorize");
        Credential credential = requireCredential(request);
        requireEnabled(credential);
        if (credential.authMode() == AuthMode.OAUTH2CODE) {
            throw CscError.invalidRequest(
                    "The credential's authorization mode is oauth2code: use oauth2/authorize with scope=credential");
        }
        JsonNode num = request.get("numSignatures");
        if (num == null || !num.isIntegralNumber() || !num.canConvertToInt()) {
            throw CscError.missing("integer", "numSignatures");
        }
        int numSignatures = num.intValue();
        if (numSignatures < 1) {
            throw CscError.invalidRequest("Invalid value for parameter numSignatures");
        }
        if (numSignatures > credential.multisign()) {
            throw CscError.invalidRequest("Numbers of signatures is too high");
        }
        List<byte[]> hashes = null;
        String hashAlgorithmOid = null;
        if (request.has("hashes") || credential.scal2()) {
            hashes = SignHash.hashes(request);
            hashAlgorithmOid = text(request, "hashAlgorithmOID", null);
            if (hashAlgorithmOid == null) {
                throw CscError.missing("string", "hashAlgorithmOID");
            }
            HashAlgorithm digest =
                    SignAlgorithms.digest(hashAlgorithmOid).orElseThrow(() -> CscError.invalid("hashAlgorithmOID"));
            SignHash.requireLength(hashes, digest);
            // pyHanko and CERTO tie the two together; a SCAL 2 SAD covers exactly the hashes it names.
            if (credential.scal2() && hashes.size() != numSignatures) {
                throw CscError.invalidRequest("Invalid value for parameter numSignatures");
            }
        }
        if (credential.authMode() == AuthMode.EXPLICIT) {
            checkAuthData(request, credential);
        }
        Grant grant = new Grant(
                credential.id(),
                numSignatures,
                credential.scal2() ? hashes : null,
                hashAlgorithmOid,
                authorizations.now().plus(settings.sadLifetime()));
        counters.authorized(credential.id());
        if (later.authorizesLater()) {
            return later.acceptAuthorization(grant);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("SAD", authorizations.issueSad(grant));
        answer.put("expiresIn", settings.sadLifetime().toSeconds());
        return answer;
    }

    // Every configured factor must be present and right; which one failed is not told (section 11.6).
    private void checkAuthData(JsonNode request, Credential credential) {
        JsonNode authData = request.get("authData");
        if (authData == null || !authData.isArray()) {
            throw CscError.missing("array", "authData");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode item : authData.values()) {
            JsonNode id = item.get("id");
            JsonNode value = item.get("value");
            if (id == null || !id.isString()) {
                throw CscError.invalid("authData");
            }
            values.put(id.stringValue(), value != null && value.isString() ? value.stringValue() : null);
        }
        int lockAfter = lockAfterFailures;
        if (lockAfter > 0 && credential.failures() >= lockAfter) {
            throw CscError.invalidRequest("Credential locked");
        }
        CscCredentialSettings config = credential.settings();
        boolean pinOk = config.pin() == null || config.pin().equals(values.get("PIN"));
        boolean otpOk = !config.otp() || otps.matches(credential.id(), values.get("OTP"));
        if (!pinOk || !otpOk) {
            credential.failed();
            throw CscError.of(400, "invalid_authentication_data", "The authentication data is invalid");
        }
        credential.resetFailures();
        if (config.otp()) {
            otps.spend(credential.id());
        }
    }

    /** v1's sendOTP, kept by v2 services: the OTP goes to the outbox; 204. */
    void sendOtp(JsonNode request, AccessToken token) {
        requireServiceScope(token, "credentials/sendOTP");
        Credential credential = requireCredential(request);
        if (!credential.settings().otp()) {
            throw CscError.invalidRequest("The credential has no OTP authentication object");
        }
        otps.send(credential.id());
    }

    /** getChallenge for the OTP object: delivered out of band (to the outbox), so 204. */
    void getChallenge(JsonNode request, AccessToken token) {
        requireServiceScope(token, "credentials/getChallenge");
        Credential credential = requireCredential(request);
        String object = text(request, "authObjectID", null);
        if (object == null) {
            throw CscError.missing("string", "authObjectID");
        }
        if (!"OTP".equals(object) || !credential.settings().otp()) {
            throw CscError.invalid("authObjectID");
        }
        otps.send(credential.id());
    }

    static void requireServiceScope(AccessToken token, String method) {
        if (token.scope() != Scope.SERVICE) {
            throw CscError.invalidToken(
                    "A credential-scope token serves credentials/info and signatures/signHash only, not " + method);
        }
    }

    static void requireEnabled(Credential credential) {
        if (credential.disabled()) {
            throw CscError.invalidRequest("The credential identified by credentialID is disabled");
        }
    }

    Credential requireCredential(JsonNode request) {
        String id = text(request, "credentialID", null);
        if (id == null) {
            throw CscError.missing("string", "credentialID");
        }
        Credential credential = credentials.get(id);
        if (credential == null) {
            throw CscError.invalid("credentialID");
        }
        return credential;
    }

    static String text(JsonNode request, String field, String fallback) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isString()) {
            throw CscError.missing("string", field);
        }
        return node.stringValue();
    }

    static boolean flag(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw CscError.invalid(field);
        }
        return node.booleanValue();
    }
}
