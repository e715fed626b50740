package dev.signingsuite.gateway.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.gateway.config.GatewayProperties;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the tenant an API key belongs to without telling an attacker, by timing, how close a guess
 * came: keys are compared as SHA-256 digests (equal length whatever the key's), each with {@link
 * MessageDigest#isEqual} (constant time), and every configured key is always compared.
 *
 * <p>A configured key may be given as {@code sha256:<64 hex digits>}, the digest of the key the
 * client sends: the configuration then holds no secret. Plain keys keep working.
 */
final class ApiKeys {

    static final String HASHED = "sha256:";

    private record Entry(byte[] digest, String tenantId) {}

    private final List<Entry> entries = new ArrayList<>();

    ApiKeys(GatewayProperties properties) {
        properties
                .tenants()
                .forEach((tenantId, tenant) ->
                        tenant.apiKeys().forEach(key -> entries.add(new Entry(digestOf(key), tenantId))));
        requireDistinct();
    }

    Optional<String> tenantOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        String match = null;
        for (Entry entry : entries) {
            // No early exit: the time taken does not depend on which key matched.
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                match = entry.tenantId();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] digestOf(String configured) {
        if (!configured.startsWith(HASHED)) {
            return sha256(configured);
        }
        String hex = configured.substring(HASHED.length());
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            // The value itself is not shown: it may be a secret with a mistyped prefix.
            throw new IllegalArgumentException("an API key given as " + HASHED + " must be 64 hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** A plain key and its digest in two tenants: the same key, which GatewayProperties cannot see. */
    private void requireDistinct() {
        Set<String> tenants = new TreeSet<>();
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                Entry a = entries.get(i);
                Entry b = entries.get(j);
                if (!a.tenantId().equals(b.tenantId()) && MessageDigest.isEqual(a.digest(), b.digest())) {
                    tenants.add(a.tenantId());
                    tenants.add(b.tenantId());
                }
            }
        }
        if (!tenants.isEmpty()) {
            throw new IllegalArgumentException(
                    "tenants " + tenants + " share an API key; each key must name one tenant");
        }
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
