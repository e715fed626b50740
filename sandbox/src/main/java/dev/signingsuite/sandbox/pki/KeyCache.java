package dev.signingsuite.sandbox.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RSA-6144 test keys, generated once and reused: a 6144-bit key takes 1–10 s to generate on a
 * build machine, and every fresh data directory (each test class's) would otherwise pay that for
 * each Smart-ID account. A key is looked up by entity name, first in this JVM, then as a PKCS#8 file
 * in the cache directory ({@code -Dsigning.sandbox.key-cache}, env {@code SIGNING_SANDBOX_KEY_CACHE},
 * default {@code ~/.cache/signing-suite/sandbox-keys}); only then generated and written there.
 * Test keys, not secrets: two data directories may share one, each with its own certificate. A cache
 * that cannot be written is skipped.
 */
final class KeyCache {

    /** A generator that may throw. */
    interface Generator {
        KeyPair generate() throws GeneralSecurityException;
    }

    private static final Logger log = LoggerFactory.getLogger(KeyCache.class);
    private static final KeyCache SHARED = new KeyCache(directory());

    private final Path dir;
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    KeyCache(Path dir) {
        this.dir = dir;
    }

    static KeyCache shared() {
        return SHARED;
    }

    /** The entity's cached key, else a new one from {@code generator}, kept for the next caller. */
    KeyPair rsa6144(String name, Generator generator) throws GeneralSecurityException {
        KeyPair cached = keys.get(name);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            cached = keys.get(name);
            if (cached == null) {
                cached = load(name);
            }
            if (cached == null) {
                long start = System.nanoTime();
                cached = generator.generate();
                log.info("Generated the RSA-6144 key of {} in {} ms", name, (System.nanoTime() - start) / 1_000_000);
                store(name, cached);
            }
            keys.put(name, cached);
            return cached;
        }
    }

    private KeyPair load(String name) {
        Path file = file(name);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
            if (crt.getModulus().bitLength() < 6143) {
                return null;
            }
            return new KeyPair(
                    rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())), key);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            log.warn("Ignoring the unreadable cached key {}: {}", file, e.toString());
            return null;
        }
    }

    private void store(String name, KeyPair keys) {
        Path file = file(name);
        if (file == null) {
            return;
        }
        try {
            PkiStore.writeAtomically(file, keys.getPrivate().getEncoded());
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot cache the key of {} in {}: {}", name, dir, e.toString());
        }
    }

    private Path file(String name) {
        return dir == null ? null : dir.resolve(name + ".rsa6144.p8");
    }

    private static Path directory() {
        String configured = System.getProperty("signing.sandbox.key-cache", System.getenv("SIGNING_SANDBOX_KEY_CACHE"));
        if (configured != null) {
            return configured.isBlank() ? null : Path.of(configured);
        }
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".cache", "signing-suite", "sandbox-keys");
    }
}
