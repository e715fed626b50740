package dev.signingsuite.sandbox.csc;

import java.time.Instant;

/**
 * An OTP the simulator "sent" after {@code credentials/sendOTP} (or {@code getChallenge}), as a
 * test or the standalone run reads it from the outbox instead of a phone.
 */
public record SentOtp(String credentialId, String otp, Instant sentAt) {

    @Override
    public String toString() {
        return "SentOtp[" + credentialId + " at " + sentAt + "]";
    }
}
