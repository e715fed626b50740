package dev.signingsuite.provider.onetime.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.testclock.TestClock;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class Pkcs11TokenTest {

    private final Clock clock = TestClock.system();

    @Test
    void generatesAKeyInTheTokenSignsWithItAndDestroysIt() throws Exception {
        try (Pkcs11Token token = Pkcs11Token.open(SoftHsmToken.properties(), clock)) {
            generatesSignsAndDestroys(token);
        }
    }

    private void generatesSignsAndDestroys(Pkcs11Token token) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("document".getBytes());

        OneTimeKey key = token.generate();
        assertThat(token.oneTimeKeys()).containsExactly(key.alias());
        assertThat(key.extractable()).isFalse();
        assertThat(SoftHsmToken.storedObjects()).isEqualTo(2); // the private key and its certificate
        byte[] value = key.sign(digest);

        Signature verifier = Signature.getInstance("NONEwithECDSA");
        verifier.initVerify(key.publicKey());
        verifier.update(digest);
        assertThat(verifier.verify(value)).isTrue();

        key.close();
        assertThat(key.destroyedAt()).isNotNull();
        assertThat(token.oneTimeKeys()).isEmpty();
        assertThat(SoftHsmToken.storedObjects()).isZero();
        assertThatThrownBy(() -> key.sign(digest)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysAStoppedInstanceLeftAreDestroyedWhenTheTokenOpens() throws Exception {
        try (Pkcs11Token stopped = Pkcs11Token.open(SoftHsmToken.properties(), clock)) {
            stopped.generate();
        }
        assertThat(SoftHsmToken.storedObjects()).isEqualTo(2);

        try (Pkcs11Token reopened = Pkcs11Token.open(SoftHsmToken.properties(), clock)) {
            assertThat(reopened.oneTimeKeys()).isEmpty();
            assertThat(SoftHsmToken.storedObjects()).isZero();
        }
    }

    @Test
    void aWrongPinIsRefusedWithoutNamingIt() {
        assertThatThrownBy(() -> Pkcs11Token.open(SoftHsmToken.withPin("987654"), clock))
                .isInstanceOf(HsmUnavailable.class)
                .hasMessageContaining("refused the PIN")
                .hasMessageNotContaining("987654");
    }

    @Test
    void aMissingLibrarySaysWhatToInstall() {
        HsmProperties missing = new HsmProperties(Path.of("/nonexistent/libsofthsm2.so"), null, 0, "t", "1234");

        assertThatThrownBy(() -> Pkcs11Token.open(missing, clock))
                .isInstanceOf(HsmUnavailable.class)
                .hasMessageContaining("apt-get install softhsm2")
                .hasMessageContaining("signing.onetime.hsm.library");
    }

    @Test
    void thePinIsNotInTheConfigurationsText() {
        assertThat(SoftHsmToken.properties().toString()).doesNotContain(SoftHsmToken.PIN);
    }
}
