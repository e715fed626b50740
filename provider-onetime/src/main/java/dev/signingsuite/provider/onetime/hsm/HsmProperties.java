package dev.signingsuite.provider.onetime.hsm;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The PKCS#11 token the one-time keys are generated in.
 *
 * @param library the token's PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so} (Debian's
 *     {@code softhsm2}) or the HSM vendor's
 * @param slot the slot id; when absent the token is chosen by {@code slotListIndex}
 * @param slotListIndex the token's position among the slots with a token (SunPKCS11's {@code
 *     slotListIndex}); SoftHSM2 lists initialised tokens first
 * @param token the token's label: what the standalone initialises and what the audit names; the
 *     slot, not the label, selects the token
 * @param pin the user PIN; never logged, never in {@link #toString()}
 */
@Validated
@ConfigurationProperties("signing.onetime.hsm")
public record HsmProperties(
        @NotNull Path library,
        Long slot,
        @DefaultValue("0") @Min(0) int slotListIndex,
        @DefaultValue("onetime") @NotBlank String token,
        @NotBlank String pin) {

    /** SunPKCS11's configuration for this token (the {@code --} form: given inline, not as a file). */
    String sunPkcs11Configuration(String name) {
        StringBuilder config = new StringBuilder("--name=").append(name).append('\n');
        config.append("library=").append(library.toAbsolutePath()).append('\n');
        if (slot != null) {
            config.append("slot=").append(slot).append('\n');
        } else {
            config.append("slotListIndex=").append(slotListIndex).append('\n');
        }
        // The private key is a token object so that it can be destroyed explicitly (KeyStore
        // deleteEntry is the only destroy SunPKCS11 offers); the public key never needs to be kept.
        config.append("""
                attributes(generate, CKO_PRIVATE_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_SIGN = true
                }
                attributes(generate, CKO_PUBLIC_KEY, *) = {
                  CKA_TOKEN = false
                }
                """);
        return config.toString();
    }

    @Override
    public String toString() {
        return "HsmProperties[library=" + library + ", slot=" + slot + ", slotListIndex=" + slotListIndex + ", token="
                + token + ", pin=***]";
    }
}
