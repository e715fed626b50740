package dev.signingsuite.gateway.tenants;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.gateway.config.GatewayProperties;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SHA-256 digests of the API keys configuration names, which are all the database keeps of
 * them. A configured key may be given as {@code sha256:<64 hex digits>}, the digest of the key the
 * client sends: the configuration then holds no secret either. Plain keys keep working.
 */
final class ConfiguredKeys {

    static final String HASHED = "sha256:";

    record Entry(String tenantId, byte[] digest) {}

    private ConfiguredKeys() {}

    /** @throws IllegalArgumentException for a malformed digest, or one key named by two tenants */
    static List<Entry> of(GatewayProperties properties) {
        List<Entry> entries = new ArrayList<>();
        properties
                .tenants()
                .forEach((tenantId, tenant) ->
                        tenant.apiKeys().forEach(key -> entries.add(new Entry(tenantId, digestOf(key)))));
        requireDistinct(entries);
        return entries;
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
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
    private static void requireDistinct(List<Entry> entries) {
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
}
