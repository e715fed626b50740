package dev.signingsuite.provider.eparaksts.authorisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVaultTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32
    });

    @TempDir
    Path dir;

    @Test
    void theTokenIsEncryptedAtRestAndOpensOnlyWithItsKey() throws Exception {
        Path file = dir.resolve("authorisation");
        TokenVault vault = new TokenVault(KEY, file);
        String token = "a477b3a3366768c07e4c458f518711b4b351e8d2c2f0f78a1524e4d3efd00603";
        Instant expiry = Instant.parse("2026-11-23T10:00:00Z");

        TokenVault.Sealed sealed = vault.seal(token, expiry, "scope");

        assertThat(vault.open(sealed)).isEqualTo(token);
        assertThat(Files.readString(file)).doesNotContain(token).doesNotContain(token.substring(0, 16));
        assertThat(sealed.toString()).doesNotContain(token);
        TokenVault.Sealed reloaded = new TokenVault(KEY, file).load().orElseThrow();
        assertThat(new TokenVault(KEY, file).open(reloaded)).isEqualTo(token);
        assertThat(reloaded.expiresAt()).isEqualTo(expiry);
        assertThat(new TokenVault(OTHER_KEY, file).load()).isEmpty();
    }

    @Test
    void aChangedExpiryDoesNotOpen() {
        TokenVault vault = new TokenVault(KEY, null);
        TokenVault.Sealed sealed = vault.seal("token", Instant.parse("2026-11-23T10:00:00Z"), "s");
        TokenVault.Sealed extended =
                new TokenVault.Sealed(sealed.ciphertext(), Instant.parse("2027-11-23T10:00:00Z"), "s");
        assertThatThrownBy(() -> vault.open(extended)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new TokenVault(Base64.getEncoder().encodeToString(new byte[16]), null))
                .hasMessageContaining("32 bytes");
    }
}
