package dev.signingsuite.sandbox.csc;

import java.util.Objects;

/**
 * One credential of the simulator's catalogue: which sandbox PKI entity's key and chain it signs
 * with and how it is authorised.
 *
 * @param id the {@code credentialID}
 * @param entity the {@code TestPki} entity name (for example {@code seal-ec})
 * @param scal {@code "1"} (a SAD counts signatures) or {@code "2"} (a SAD is bound to the hashes)
 * @param authMode how {@code credentials/authorize} (or OAuth 2.0) unlocks the key
 * @param pin the PIN {@code credentials/authorize} wants in {@code authData} (id {@code PIN}), or
 *     {@code null} for none; only with {@link AuthMode#EXPLICIT}
 * @param otp whether {@code credentials/authorize} also wants the OTP (id {@code OTP}) that {@code
 *     credentials/sendOTP} generated; only with {@link AuthMode#EXPLICIT}
 * @param multisign the most signatures one authorisation may cover
 * @param description the credential's {@code description}
 */
public record CscCredentialSettings(
        String id,
        String entity,
        String scal,
        AuthMode authMode,
        String pin,
        boolean otp,
        int multisign,
        String description) {

    /** How a credential is authorised (CSC API v2 section 8.2 and 11.5). */
    public enum AuthMode {
        /**
         * RSSP-managed, formerly "implicit": {@code credentials/authorize} with empty {@code authData};
         * v2 shows it as {@code auth.mode = explicit} without objects.
         */
        IMPLICIT,
        /** {@code credentials/authorize} with a PIN, and an OTP where configured. */
        EXPLICIT,
        /** OAuth 2.0 authorization code with {@code scope=credential}; {@code credentials/authorize} is refused. */
        OAUTH2CODE
    }

    public CscCredentialSettings {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("credential id must not be blank");
        }
        if (entity == null || entity.isBlank()) {
            throw new IllegalArgumentException("entity of credential " + id + " must not be blank");
        }
        if (!"1".equals(scal) && !"2".equals(scal)) {
            throw new IllegalArgumentException("SCAL of credential " + id + " must be \"1\" or \"2\": " + scal);
        }
        Objects.requireNonNull(authMode, "authMode");
        if (authMode != AuthMode.EXPLICIT && (pin != null || otp)) {
            throw new IllegalArgumentException("only explicit credentials take a PIN or OTP: " + id);
        }
        if (authMode == AuthMode.EXPLICIT && pin == null && !otp) {
            throw new IllegalArgumentException("an explicit credential needs a PIN, an OTP or both: " + id);
        }
        if (pin != null && !pin.matches("[0-9]{4,12}")) {
            throw new IllegalArgumentException("the PIN of credential " + id + " must be 4 to 12 digits");
        }
        if (multisign < 1) {
            throw new IllegalArgumentException("multisign of credential " + id + " must be at least 1: " + multisign);
        }
        description = description == null ? "Sandbox credential " + id : description;
    }

    public CscCredentialSettings withMultisign(int max) {
        return new CscCredentialSettings(id, entity, scal, authMode, pin, otp, max, description);
    }

    @Override
    public String toString() {
        // The PIN is a test value, but PINs stay out of logs on principle.
        return "CscCredentialSettings[id=" + id + ", entity=" + entity + ", SCAL=" + scal + ", authMode=" + authMode
                + ", pin=" + (pin == null ? "none" : "***") + ", otp=" + otp + ", multisign=" + multisign + "]";
    }
}
