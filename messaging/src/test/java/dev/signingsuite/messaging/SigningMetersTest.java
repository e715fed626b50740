package dev.signingsuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The names and tags dashboards and alert rules query: a change here must change deploy/ too. */
class SigningMetersTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void documentsAreOneCounterTaggedByStageAndOutcome() {
        SigningMeters.documents(meters, "provider", "signed").increment(2);

        Meter.Id id = meters.get("signing.documents").counter().getId();
        assertThat(id.getTags()).containsExactlyInAnyOrder(Tag.of("stage", "provider"), Tag.of("outcome", "signed"));
        assertThat(SigningMeters.documents(meters, "provider", "signed").count())
                .isEqualTo(2.0);
    }

    @Test
    void providerRequestsCarryProviderOperationAndOutcome() {
        SigningMeters.providerRequests(meters, "csc", "signatures/signHash", "success")
                .record(Duration.ofMillis(40));

        Meter.Id id = meters.get("signing.provider.requests").timer().getId();
        assertThat(id.getTags())
                .containsExactlyInAnyOrder(
                        Tag.of("provider", "csc"),
                        Tag.of("operation", "signatures/signHash"),
                        Tag.of("outcome", "success"));
        assertThat(SigningMeters.providerRequests(meters, "csc", "signatures/signHash", "success")
                        .count())
                .isOne();
    }

    @Test
    void reauthorisationsAreSpeltAsTheCodeBaseSpellsAuthorisation() {
        SigningMeters.reauthorisations(meters, "csc").increment();

        assertThat(meters.get("signing.provider.reauthorisations")
                        .tag("provider", "csc")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(SigningMeters.PROVIDER_AUTHORISATION_VALID).contains("authorisation");
    }
}
