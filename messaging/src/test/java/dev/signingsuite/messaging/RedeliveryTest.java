package dev.signingsuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.messaging.parking.ParkedBinding;
import dev.signingsuite.messaging.parking.ParkingProperties;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.messaging.converter.MessageConversionException;

class RedeliveryTest {

    private static ConsumerProperties binding() {
        ConsumerProperties consumer = new ConsumerProperties();
        consumer.setMaxAttempts(3);
        consumer.setBackOffInitialInterval(200);
        consumer.setBackOffMultiplier(2.0);
        consumer.setBackOffMaxInterval(300);
        consumer.setRetryableExceptions(Map.of(MessageConversionException.class, false));
        return consumer;
    }

    @Test
    void aTransientFailureComesAgainAsTheBindingSaysThenIsDeadLettered() {
        Redelivery redelivery = Redelivery.of(binding());
        IllegalStateException failure = new IllegalStateException("store away");

        assertThat(redelivery.after(failure, 1)).contains(Duration.ofMillis(200));
        assertThat(redelivery.after(failure, 2)).contains(Duration.ofMillis(300));
        assertThat(redelivery.after(failure, 3)).isEmpty();
    }

    @Test
    void aFailureListedAsNotRetryableIsDeadLetteredAtOnceAlsoWhenItIsACause() {
        Redelivery redelivery = Redelivery.of(binding());
        RuntimeException wrapped = new RuntimeException(new MessageConversionException("not JSON"));

        assertThat(redelivery.after(new MessageConversionException("not JSON"), 1))
                .isEmpty();
        assertThat(redelivery.after(wrapped, 1)).isEmpty();
    }

    @Test
    void aParkedFailureComesAgainWithGrowingDelaysWithoutLimitAndOthersAsTheBindingSays() {
        ParkedBinding parked = new ParkedBinding("signatureAugmented-in-0", "container", UncheckedIOException.class);
        ParkingProperties parking =
                new ParkingProperties(Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofSeconds(5), 2.0);
        Redelivery redelivery = parked.redelivery(parking, Redelivery.of(binding()));
        RuntimeException outage = new RuntimeException(new UncheckedIOException(new java.io.IOException("disk")));

        assertThat(redelivery.after(outage, 1)).contains(Duration.ofSeconds(1));
        assertThat(redelivery.after(outage, 3)).contains(Duration.ofSeconds(4));
        assertThat(redelivery.after(outage, 1000)).contains(Duration.ofSeconds(5));
        assertThat(redelivery.after(new IllegalStateException("bug"), 3)).isEqualTo(Optional.empty());
    }
}
