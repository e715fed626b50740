package dev.signingsuite.augmentation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.augmentation.trust.ServiceUnavailableException;
import dev.signingsuite.augmentation.trust.TrustServiceUnavailableException;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.Lane;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the stage parks (ADR 0012): every service it waits for, the blob store as much as the TSA. */
class AugmentationParkingTest {

    @ParameterizedTest
    @EnumSource(Lane.class)
    void theBlobStoreAndTheTrustServicesOutOfReachAreParkedAnythingElseIsNot(Lane lane) {
        var parked = AugmentationStage.parked(lane);

        assertThat(parked.transientCause(new IllegalStateException(new ServiceUnavailableException(
                        FailureReason.STAGE_UNAVAILABLE, "blob store unavailable", new IOException("refused")))))
                .isPresent();
        assertThat(parked.transientCause(new TrustServiceUnavailableException(
                        TrustServiceUnavailableException.Service.TSA, "every TSA refused", null)))
                .isPresent();
        assertThat(parked.transientCause(new UncheckedIOException(new IOException("a bug"))))
                .isEmpty();
    }
}
