package dev.signingsuite.gateway.tenants;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin API's own credential (ADR 30), never a tenant's API key.
 *
 * @param token what an administrator sends as {@code Authorization: Bearer <token>}: at least 32
 *     characters, or {@code sha256:<64 hex digits>} of it so that configuration holds no secret;
 *     unset, the admin API refuses every request. Never printed.
 */
@ConfigurationProperties("signing.gateway.admin")
record AdminProperties(String token) {

    static final int MIN_LENGTH = 32;

    AdminProperties {
        if (token != null && !token.startsWith(ConfiguredKeys.HASHED) && token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "signing.gateway.admin.token must be at least " + MIN_LENGTH + " characters, or sha256:<hex>");
        }
        if (token != null && token.startsWith(ConfiguredKeys.HASHED)) {
            digest();
        }
    }

    boolean enabled() {
        return token != null && !token.isBlank();
    }

    /** Compares digests, which have one length whatever was sent, in constant time. */
    boolean accepts(String presented) {
        return enabled() && presented != null && MessageDigest.isEqual(digest(), ConfiguredKeys.sha256(presented));
    }

    private byte[] digest() {
        if (!token.startsWith(ConfiguredKeys.HASHED)) {
            return ConfiguredKeys.sha256(token);
        }
        String hex = token.substring(ConfiguredKeys.HASHED.length());
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("signing.gateway.admin.token given as sha256: must be 64 hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        return "AdminProperties[token=" + (enabled() ? "(hidden)" : "(unset)") + "]";
    }
}
