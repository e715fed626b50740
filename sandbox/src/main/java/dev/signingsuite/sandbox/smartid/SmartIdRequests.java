package dev.signingsuite.sandbox.smartid;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validates request bodies as the service does (reference §3.2, §7, §15.2). */
final class SmartIdRequests {

    /** Where a request came from: decides which interactions are allowed. */
    enum Flow {
        NOTIFICATION,
        DEVICE_LINK,
        LINKED
    }

    /** A validated signature request. */
    record Sign(
            String level,
            String digest,
            byte[] digestBytes,
            String signatureAlgorithm,
            String hashAlgorithm,
            String interactions,
            List<String> interactionTypes,
            String initialCallbackUrl,
            String nonce,
            String linkedSessionId,
            List<String> ignoredProperties) {}

    /** A validated certificate lookup or certificate-choice request. */
    record Certificate(String level, String initialCallbackUrl, String nonce, List<String> ignoredProperties) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern BASE64 = Pattern.compile("^[a-zA-Z0-9+/]+={0,2}$");
    private static final Pattern CALLBACK = Pattern.compile("^https://([^|#]+)$");
    private static final Set<String> SIGN_LEVELS = Set.of("ADVANCED", "QUALIFIED", "QSCD");
    private static final Set<String> ALGORITHMS =
            Set.of("rsassa-pss", "sha256WithRSAEncryption", "sha384WithRSAEncryption", "sha512WithRSAEncryption");

    private final SmartIdSettings settings;

    SmartIdRequests(SmartIdSettings settings) {
        this.settings = settings;
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw SmartIdProblem.invalid("/", "The body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw SmartIdProblem.of(400, "Bad Request", "Malformed JSON body");
        }
    }

    Sign sign(JsonNode body, Flow flow) {
        List<String> ignored = common(body, true);
        String protocol = required(body, "/signatureProtocol");
        if (!"RAW_DIGEST_SIGNATURE".equals(protocol)) {
            throw SmartIdProblem.invalid("/signatureProtocol", "Invalid signatureProtocol");
        }
        Parameters digest = parameters(body, "digest");
        if (digest.bytes().length != RawDigestSigner.HASH_LENGTHS.get(digest.hash())) {
            throw SmartIdProblem.invalid(
                    "/signatureProtocolParameters/digest",
                    "Digest length does not match the hash algorithm " + digest.hash());
        }
        String interactions = required(body, "/interactions");
        List<String> types = interactions(interactions, flow);
        String callback = flow == Flow.DEVICE_LINK ? callback(body) : null;
        String linked = null;
        if (flow == Flow.LINKED) {
            linked = required(body, "/linkedSessionID");
            requireUuid(linked, "/linkedSessionID");
        }
        return new Sign(
                level(body),
                digest.value(),
                digest.bytes(),
                digest.algorithm(),
                digest.hash(),
                interactions,
                types,
                callback,
                optional(body, "/nonce"),
                linked,
                ignored);
    }

    /**
     * A validated ACSP_V2 authentication request (reference §3.2), as a {@link Sign} whose digest is
     * the rpChallenge: no nonce, level ADVANCED or QUALIFIED, vcType numeric4 on notification.
     */
    Sign authentication(JsonNode body, Flow flow) {
        List<String> ignored = common(body, false);
        String level = level(body);
        if ("QSCD".equals(level)) {
            throw SmartIdProblem.invalid("/certificateLevel", "Invalid certificateLevel");
        }
        if (!"ACSP_V2".equals(required(body, "/signatureProtocol"))) {
            throw SmartIdProblem.invalid("/signatureProtocol", "Invalid signatureProtocol");
        }
        Parameters challenge = parameters(body, "rpChallenge");
        if (flow == Flow.NOTIFICATION && !"numeric4".equals(optional(body, "/vcType"))) {
            throw SmartIdProblem.invalid("/vcType", "Null argument found: /vcType");
        }
        String interactions = required(body, "/interactions");
        List<String> types = interactions(interactions, flow);
        String callback = flow == Flow.DEVICE_LINK ? callback(body) : null;
        return new Sign(
                level,
                challenge.value(),
                challenge.bytes(),
                challenge.algorithm(),
                challenge.hash(),
                interactions,
                types,
                callback,
                null,
                null,
                ignored);
    }

    /** What signatureProtocolParameters carry: the Base64 value to sign and its algorithm. */
    private record Parameters(String value, byte[] bytes, String algorithm, String hash) {}

    // §3.2: the value (digest or rpChallenge) is 32 to 64 bytes; PKCS#1 names its hash, PSS names it
    // in signatureAlgorithmParameters.
    private static Parameters parameters(JsonNode body, String valueField) {
        JsonNode parameters = body.get("signatureProtocolParameters");
        if (parameters == null || !parameters.isObject()) {
            throw SmartIdProblem.invalid(
                    "/signatureProtocolParameters", "Null argument found: /signatureProtocolParameters");
        }
        String pointer = "/signatureProtocolParameters/" + valueField;
        String value = required(parameters, pointer);
        if (value.length() < 44 || value.length() > 88 || !BASE64.matcher(value).matches()) {
            throw SmartIdProblem.invalid(pointer, "Invalid " + valueField);
        }
        String algorithm = required(parameters, "/signatureProtocolParameters/signatureAlgorithm");
        if (!ALGORITHMS.contains(algorithm)) {
            throw SmartIdProblem.invalid(
                    "/signatureProtocolParameters/signatureAlgorithm", "Invalid signature algorithm parameter");
        }
        String hash = RawDigestSigner.PKCS1_HASHES.get(algorithm);
        if ("rsassa-pss".equals(algorithm)) {
            JsonNode algorithmParameters = parameters.get("signatureAlgorithmParameters");
            if (algorithmParameters == null || !algorithmParameters.isObject()) {
                throw SmartIdProblem.invalid(
                        "/signatureProtocolParameters/signatureAlgorithmParameters",
                        "Null argument found: /signatureProtocolParameters/signatureAlgorithmParameters");
            }
            hash = required(
                    algorithmParameters, "/signatureProtocolParameters/signatureAlgorithmParameters/hashAlgorithm");
            if (!RawDigestSigner.HASH_LENGTHS.containsKey(hash)) {
                throw SmartIdProblem.invalid(
                        "/signatureProtocolParameters/signatureAlgorithmParameters/hashAlgorithm",
                        "Invalid hash algorithm");
            }
        }
        return new Parameters(value, Base64.getDecoder().decode(value), algorithm, hash);
    }

    Certificate certificate(JsonNode body, boolean deviceLink, boolean nonceAllowed) {
        List<String> ignored = common(body, nonceAllowed);
        return new Certificate(level(body), deviceLink ? callback(body) : null, optional(body, "/nonce"), ignored);
    }

    // relyingPartyUUID/Name, certificateLevel, nonce, requestProperties, capabilities.
    private List<String> common(JsonNode body, boolean nonceAllowed) {
        String uuid = required(body, "/relyingPartyUUID");
        requireUuid(uuid, "/relyingPartyUUID");
        if (!UUID.fromString(uuid).equals(settings.relyingPartyUuid())) {
            throw SmartIdProblem.of(401, "Unauthorized", "Unknown relying party");
        }
        String name = required(body, "/relyingPartyName");
        if (!name.equalsIgnoreCase(settings.relyingPartyName())) {
            throw SmartIdProblem.of(401, "Unauthorized", "Relying party name does not match the relying party");
        }
        if (name.getBytes(UTF_8).length > 32) {
            throw SmartIdProblem.invalid("/relyingPartyName", "Invalid relyingPartyName");
        }
        String level = optional(body, "/certificateLevel");
        if (level != null && !SIGN_LEVELS.contains(level)) {
            throw SmartIdProblem.invalid("/certificateLevel", "Invalid certificateLevel");
        }
        String nonce = optional(body, "/nonce");
        if (nonce != null && (!nonceAllowed || nonce.isEmpty() || nonce.length() > 30)) {
            throw SmartIdProblem.invalid("/nonce", "Invalid nonce");
        }
        JsonNode capabilities = body.get("capabilities");
        if (capabilities != null && !capabilities.isNull()) {
            if (!capabilities.isArray()) {
                throw SmartIdProblem.invalid("/capabilities", "Invalid capabilities");
            }
            if (!capabilities.isEmpty()) {
                throw SmartIdProblem.of(403, "Forbidden", "Requested capability is not permitted");
            }
        }
        List<String> ignored = new ArrayList<>();
        JsonNode properties = body.get("requestProperties");
        if (properties != null && !properties.isNull()) {
            if (!properties.isObject()) {
                throw SmartIdProblem.invalid("/requestProperties", "Invalid requestProperties");
            }
            for (String key : properties.propertyNames()) {
                if (!"shareMdClientIpAddress".equals(key)) {
                    ignored.add(key);
                } else if (properties.get(key).asBoolean(false)) {
                    throw SmartIdProblem.of(403, "Forbidden", "Sharing the device IP address is not allowed");
                }
            }
        }
        return ignored;
    }

    private static String level(JsonNode body) {
        String level = optional(body, "/certificateLevel");
        return level == null ? "QUALIFIED" : level;
    }

    private static String callback(JsonNode body) {
        String url = optional(body, "/initialCallbackUrl");
        if (url != null && (url.length() > 1800 || !CALLBACK.matcher(url).matches())) {
            throw SmartIdProblem.invalid(
                    "/initialCallbackUrl", "Invalid initialCallbackUrl: The callback URL value is invalid");
        }
        return url;
    }

    // §7: Base64 of a JSON array; each type once with exactly its own non-empty text.
    private static List<String> interactions(String encoded, Flow flow) {
        if (!BASE64.matcher(encoded).matches()) {
            throw SmartIdProblem.invalid("/interactions", "Invalid interactions");
        }
        JsonNode list;
        try {
            list = JSON.readTree(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException | JacksonException e) {
            throw SmartIdProblem.invalid("/interactions", "Invalid interactions");
        }
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw SmartIdProblem.invalid("/interactions", "Invalid interactions");
        }
        List<String> types = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : list.values()) {
            String type = item.path("type").isString() ? item.get("type").stringValue() : "";
            boolean has60 = item.has("displayText60");
            boolean has200 = item.has("displayText200");
            String field = switch (type) {
                case "displayTextAndPIN" -> "displayText60";
                case "confirmationMessage" -> "displayText200";
                case "confirmationMessageAndVerificationCodeChoice" -> {
                    if (flow != Flow.NOTIFICATION) {
                        throw SmartIdProblem.invalid(
                                "/interactions", "Interaction " + type + " is not allowed in this flow");
                    }
                    yield "displayText200";
                }
                default -> throw SmartIdProblem.invalid("/interactions", "Unknown interaction type");
            };
            int max = "displayText60".equals(field) ? 60 : 200;
            String text = item.path(field).isString() ? item.get(field).stringValue() : "";
            if ((has60 && has200) || text.isEmpty() || text.length() > max || !seen.add(type)) {
                throw SmartIdProblem.invalid("/interactions", "Invalid interaction " + type);
            }
            types.add(type);
        }
        return types;
    }

    private static void requireUuid(String value, String pointer) {
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw SmartIdProblem.invalid(pointer, "Invalid " + pointer.substring(1));
        }
    }

    private static String required(JsonNode node, String pointer) {
        String value = optional(node, pointer);
        if (value == null) {
            throw SmartIdProblem.invalid(pointer, "Null argument found: " + pointer);
        }
        return value;
    }

    private static String optional(JsonNode node, String pointer) {
        JsonNode value = node.get(pointer.substring(pointer.lastIndexOf('/') + 1));
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw SmartIdProblem.invalid(pointer, "Invalid " + pointer.substring(1));
        }
        return value.stringValue();
    }
}
