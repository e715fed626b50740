package dev.signingsuite.testsupport.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A provider's boundaries: those of every service, and no use of another provider's packages (only
 * the shared provider runtime). A stage service has no provider neighbours, so it does not run this
 * rule at all rather than report it skipped.
 */
public abstract class ProviderBoundariesContract extends ServiceBoundariesContract {

    @Test
    protected void dependsOnNoOtherProvider() {
        assertThat(service().provider()).as(service() + " is a provider").isTrue();
        ServiceBoundaries.dependsOnNoOtherProvider(service()).check(mainClasses());
    }
}
