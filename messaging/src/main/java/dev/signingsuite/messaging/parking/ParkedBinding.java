package dev.signingsuite.messaging.parking;

import dev.signingsuite.messaging.Redelivery;
import java.time.Duration;
import java.util.Objects;

/**
 * A service's declaration, as a bean: a failure of {@code transientFailure} (anywhere in the cause
 * chain) in the work of binding {@code bindingName} parks the record instead of dead-lettering it.
 *
 * @param bindingName the consumer binding, e.g. {@code signatureReturned-in-0}
 * @param stage the stage tag of the parking meters
 */
public record ParkedBinding(String bindingName, String stage, Class<? extends RuntimeException> transientFailure) {

    public ParkedBinding {
        Objects.requireNonNull(bindingName, "bindingName");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(transientFailure, "transientFailure");
    }

    /** The declared failure in {@code failure}'s cause chain, if any. */
    public java.util.Optional<RuntimeException> transientCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (transientFailure.isInstance(cause)) {
                return java.util.Optional.of(transientFailure.cast(cause));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * A batched stage's redelivery for this binding: the declared failure comes again with delays
     * growing as {@code parking} says, with no limit (the stage ends the document at the deadline,
     * {@link ParkingStage}); any other failure as {@code otherwise} says.
     */
    public Redelivery redelivery(ParkingProperties parking, Redelivery otherwise) {
        return (failure, deliveries) -> {
            if (transientCause(failure).isEmpty()) {
                return otherwise.after(failure, deliveries);
            }
            double delay = parking.firstDelay().toMillis() * Math.pow(parking.multiplier(), deliveries - 1);
            return java.util.Optional.of(
                    Duration.ofMillis((long) Math.min(delay, parking.maxDelay().toMillis())));
        };
    }
}
