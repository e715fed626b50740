package dev.signingsuite.gateway.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.SignerRef;
import dev.signingsuite.gateway.tenants.Tenants;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Links a person opens in a browser without the tenant's API key: each carries its own capability,
 * {@code <tenant>.<document>.<expiry>.<mac>} (tenant base64url, expiry in epoch seconds, mac the
 * HMAC-SHA256 of the first three under the gateway's key). It names one document of one tenant and
 * expires; altering any part breaks the mac. The key is configuration, so every gateway instance
 * accepts every instance's links and a restart keeps them.
 */
final class PersonLinks {

    static final String SMARTID_PAGE = "/person/smartid/";
    /** The one-time signing person's page: the same capability, the document's status in words. */
    static final String ONETIME_PAGE = "/person/onetime/";

    /** A registered signing device's person approves with the device's PIN (ADR 32). */
    static final String DEVICE_PAGE = "/person/csc/";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

    /** What a valid capability names. */
    record Capability(String tenantId, String documentId) {}

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    /** @param key at least 32 bytes, or null when no links are issued */
    PersonLinks(byte[] key, Duration lifetime, Clock clock) {
        this.key = key == null ? null : new SecretKeySpec(key, ALGORITHM);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The Smart-ID page of the document, valid for the configured lifetime; empty without a key. */
    Optional<String> smartIdPage(String tenantId, String documentId) {
        return page(SMARTID_PAGE, tenantId, documentId);
    }

    /**
     * The person's page of a document of {@code signer} (Smart-ID's QR code, the one-time signing
     * login, the PIN of a person's registered signing device); empty where no person acts in the
     * browser (a seal), or without a key.
     */
    Optional<String> page(SignerRef signer, String tenantId, String documentId) {
        return switch (signer.provider()) {
            case SMARTID -> page(SMARTID_PAGE, tenantId, documentId);
            case ONETIME -> page(ONETIME_PAGE, tenantId, documentId);
            case CSC ->
                Tenants.isDevice(signer.identity()) ? page(DEVICE_PAGE, tenantId, documentId) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private Optional<String> page(String path, String tenantId, String documentId) {
        if (key == null) {
            return Optional.empty();
        }
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        String claims = B64.encodeToString(tenantId.getBytes(UTF_8)) + "." + documentId + "." + expiry;
        return Optional.of(path + claims + "." + B64.encodeToString(mac(claims)));
    }

    /** The document a capability names, if it is this gateway's, unaltered and not expired. */
    Optional<Capability> verify(String capability) {
        if (key == null || capability == null) {
            return Optional.empty();
        }
        int lastDot = capability.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String claims = capability.substring(0, lastDot);
        byte[] presented;
        try {
            presented = B64_DECODE.decode(capability.substring(lastDot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(presented, mac(claims))) {
            return Optional.empty();
        }
        String[] parts = claims.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(Instant.ofEpochSecond(expiry))) {
            return Optional.empty();
        }
        return Optional.of(new Capability(new String(B64_DECODE.decode(parts[0]), UTF_8), parts[1]));
    }

    private byte[] mac(String claims) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(claims.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
