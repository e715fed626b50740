package dev.signingsuite.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.cloud.stream.binder.ConsumerProperties;

/**
 * When a record whose work failed is delivered again ({@link BatchedStage}): after a delay, or
 * never, and then it is dead-lettered with its cause.
 */
@FunctionalInterface
public interface Redelivery {

    /**
     * @param failure what the stage threw
     * @param deliveries how often the record has been delivered, this delivery included
     * @return the delay before the record comes again, or empty to dead-letter it now
     */
    Optional<Duration> after(RuntimeException failure, int deliveries);

    /**
     * The binder's own in-binding retry, as a binding's consumer properties declare it: {@code
     * max-attempts} deliveries in all, exponential back-off, and the exceptions listed as not
     * retryable (anywhere in the cause chain) dead-lettered at once.
     */
    static Redelivery of(ConsumerProperties consumer) {
        Map<Class<? extends Throwable>, Boolean> listed = consumer.getRetryableExceptions();
        // As the binder's classifier: once any type is listed as retryable, only listed types are.
        boolean retryableByDefault = !listed.containsValue(Boolean.TRUE);
        return (failure, deliveries) -> {
            if (deliveries >= consumer.getMaxAttempts() || !retryable(failure, listed, retryableByDefault)) {
                return Optional.empty();
            }
            double delay =
                    consumer.getBackOffInitialInterval() * Math.pow(consumer.getBackOffMultiplier(), deliveries - 1);
            return Optional.of(Duration.ofMillis((long) Math.min(delay, consumer.getBackOffMaxInterval())));
        };
    }

    private static boolean retryable(
            Throwable failure, Map<Class<? extends Throwable>, Boolean> listed, boolean retryableByDefault) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Map.Entry<Class<? extends Throwable>, Boolean> entry : listed.entrySet()) {
                if (entry.getKey().isInstance(cause)) {
                    return entry.getValue();
                }
            }
        }
        return retryableByDefault;
    }
}
