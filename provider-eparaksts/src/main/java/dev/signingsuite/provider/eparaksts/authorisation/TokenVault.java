package dev.signingsuite.provider.eparaksts.authorisation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the person's access token encrypted (AES-256-GCM) in memory and, when a file is
 * configured, on disk: the plain value exists only while a call is being made.
 */
final class TokenVault {

    private static final Logger log = LoggerFactory.getLogger(TokenVault.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    /** The sealed token; {@link #toString()} shows only when it ends. */
    record Sealed(byte[] ciphertext, Instant expiresAt, String scope) {
        @Override
        public String toString() {
            return "Sealed[expiresAt=" + expiresAt + "]";
        }
    }

    private final SecretKey key;
    private final Path file;

    TokenVault(String base64Key, Path file) {
        byte[] bytes;
        if (base64Key == null || base64Key.isBlank()) {
            bytes = new byte[32];
            RANDOM.nextBytes(bytes);
        } else {
            bytes = Base64.getDecoder().decode(base64Key.trim());
            if (bytes.length != 32) {
                throw new IllegalArgumentException("signing.eparaksts.token-key must be 32 bytes, base64");
            }
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.file = file;
    }

    Sealed seal(String token, Instant expiresAt, String scope) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(Long.toString(expiresAt.getEpochSecond()).getBytes(UTF_8));
            byte[] encrypted = cipher.doFinal(token.getBytes(UTF_8));
            Sealed sealed = new Sealed(
                    ByteBuffer.allocate(NONCE + encrypted.length)
                            .put(nonce)
                            .put(encrypted)
                            .array(),
                    expiresAt,
                    scope);
            store(sealed);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the token", e);
        }
    }

    String open(Sealed sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed.ciphertext(), 0, NONCE));
            cipher.updateAAD(Long.toString(sealed.expiresAt().getEpochSecond()).getBytes(UTF_8));
            byte[] plain = cipher.doFinal(sealed.ciphertext(), NONCE, sealed.ciphertext().length - NONCE);
            return new String(plain, UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the token (another key?)", e);
        }
    }

    /** The token a previous run stored, if any and if this key opens it. */
    Optional<Sealed> load() {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file).trim().split("\n");
            Sealed sealed = new Sealed(
                    Base64.getDecoder().decode(parts[2]), Instant.ofEpochSecond(Long.parseLong(parts[0])), parts[1]);
            open(sealed);
            return Optional.of(sealed);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the stored eParaksts authorisation in {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void clear() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void store(Sealed sealed) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(
                    temp,
                    sealed.expiresAt().getEpochSecond() + "\n" + sealed.scope() + "\n"
                            + Base64.getEncoder().encodeToString(sealed.ciphertext()) + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
