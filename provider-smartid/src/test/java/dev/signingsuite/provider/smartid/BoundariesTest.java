package dev.signingsuite.provider.smartid;

import dev.signingsuite.provider.smartid.client.AuthenticationSession;
import dev.signingsuite.provider.smartid.client.AuthenticationVerifier;
import dev.signingsuite.provider.smartid.client.Interactions;
import dev.signingsuite.testsupport.boundaries.ProviderBoundariesContract;
import dev.signingsuite.testsupport.boundaries.Service;

/** This service's side of the boundaries every service keeps (test-support's ServiceBoundaries). */
class BoundariesTest extends ProviderBoundariesContract {

    @Override
    protected Service service() {
        return Service.PROVIDER_SMARTID;
    }

    // The Smart-ID authentication API (issue 23): public for a caller outside this service, none yet.
    @Override
    protected Class<?>[] usedFromOutside() {
        return new Class<?>[] {AuthenticationSession.class, AuthenticationVerifier.class, Interactions.class};
    }
}
