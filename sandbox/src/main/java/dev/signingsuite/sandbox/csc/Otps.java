package dev.signingsuite.sandbox.csc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One-time passwords per credential: six random digits, valid for a while, spent by the successful
 * {@code credentials/authorize} that presents them; a newer OTP replaces the older. Every OTP goes
 * to an outbox the tests read.
 */
final class Otps {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(String otp, Instant expiresAt) {}

    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<SentOtp> outbox = new CopyOnWriteArrayList<>();

    Otps(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    void send(String credentialId) {
        String otp = String.format("%06d", RANDOM.nextInt(1_000_000));
        Instant now = clock.instant();
        pending.put(credentialId, new Pending(otp, now.plus(lifetime)));
        outbox.add(new SentOtp(credentialId, otp, now));
    }

    /** Whether {@code value} is the live OTP of the credential; does not spend it. */
    boolean matches(String credentialId, String value) {
        Pending otp = pending.get(credentialId);
        return otp != null
                && value != null
                && clock.instant().isBefore(otp.expiresAt())
                && otp.otp().equals(value);
    }

    void spend(String credentialId) {
        pending.remove(credentialId);
    }

    List<SentOtp> outbox() {
        return List.copyOf(outbox);
    }

    void clearOutbox() {
        outbox.clear();
    }
}
