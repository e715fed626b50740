package dev.signingsuite.gateway.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.gateway.config.GatewayProperties;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the tenant an API key belongs to without telling an attacker, by timing, how close a guess
 * came: keys are compared as SHA-256 digests (equal length whatever the key's), each with {@link
 * MessageDigest#isEqual} (constant time), and every configured key is always compared.
 */
final class ApiKeys {

    private record Entry(byte[] digest, String tenantId) {}

    private final List<Entry> entries = new ArrayList<>();

    ApiKeys(GatewayProperties properties) {
        properties
                .tenants()
                .forEach((tenantId, tenant) ->
                        tenant.apiKeys().forEach(key -> entries.add(new Entry(sha256(key), tenantId))));
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

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
