package dev.signingsuite.sandbox.smartid;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How the simulated Smart-ID service behaves; replaceable at run time ({@link
 * SmartIdSimulator#configure}).
 *
 * @param relyingPartyUuid the only relying party the service knows (401 for any other)
 * @param relyingPartyName its registered name, matched case-insensitively
 * @param schemeName {@code smart-id} (live) or {@code smart-id-demo} (demo), used in authCodes
 * @param confirmationDelay how long a simulated person takes to answer a notification
 * @param timeoutDelay after how long a TIMEOUT account's session ends
 * @param idempotencyWindow repeated identical session POSTs without nonce within it return the same session
 * @param retention how long a completed session can still be queried (404 afterwards)
 * @param qrTolerance how far a scanned QR link's {@code elapsedSeconds} may be from the session's
 *     real age before the mock phone ignores it as stale (reference §8.1: never older than 3 s)
 * @param linkedWindow how long, after a device-link certificate choice, the person's app waits for
 *     the linked signature (any other transaction for the document meanwhile: EXPECTED_LINKED_SESSION)
 */
public record SmartIdSettings(
        UUID relyingPartyUuid,
        String relyingPartyName,
        String schemeName,
        Duration confirmationDelay,
        Duration timeoutDelay,
        Duration idempotencyWindow,
        Duration retention,
        Duration qrTolerance,
        Duration linkedWindow) {

    public static final UUID DEMO_RP_UUID = UUID.fromString("00000000-0000-4000-8000-000000000000");
    public static final String DEMO_RP_NAME = "DEMO";

    public SmartIdSettings {
        Objects.requireNonNull(relyingPartyUuid, "relyingPartyUuid");
        Objects.requireNonNull(relyingPartyName, "relyingPartyName");
        Objects.requireNonNull(schemeName, "schemeName");
        requireNotNegative(confirmationDelay, "confirmationDelay");
        requireNotNegative(timeoutDelay, "timeoutDelay");
        requireNotNegative(idempotencyWindow, "idempotencyWindow");
        requireNotNegative(retention, "retention");
        requireNotNegative(qrTolerance, "qrTolerance");
        requireNotNegative(linkedWindow, "linkedWindow");
    }

    /**
     * The demo environment's relying party and scheme; a person answers after 2 s, TIMEOUT after 5 s;
     * a QR link may be 2 s off; the app waits 60 s for a linked signature.
     */
    public static SmartIdSettings defaults() {
        return new SmartIdSettings(
                DEMO_RP_UUID,
                DEMO_RP_NAME,
                "smart-id-demo",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                Duration.ofMinutes(5),
                Duration.ofSeconds(2),
                Duration.ofSeconds(60));
    }

    public SmartIdSettings withDelays(Duration confirmation, Duration timeout) {
        return new SmartIdSettings(
                relyingPartyUuid,
                relyingPartyName,
                schemeName,
                confirmation,
                timeout,
                idempotencyWindow,
                retention,
                qrTolerance,
                linkedWindow);
    }

    public SmartIdSettings withQrTolerance(Duration tolerance) {
        return new SmartIdSettings(
                relyingPartyUuid,
                relyingPartyName,
                schemeName,
                confirmationDelay,
                timeoutDelay,
                idempotencyWindow,
                retention,
                tolerance,
                linkedWindow);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }
}
