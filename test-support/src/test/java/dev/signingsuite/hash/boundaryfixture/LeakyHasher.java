package dev.signingsuite.hash.boundaryfixture;

import dev.signingsuite.gateway.boundaryfixture.GatewayInternals;
import dev.signingsuite.hash.boundaryfixture.digest.Digests;

/** Fixture: a hash-service class that breaks the boundary by calling into the gateway. */
final class LeakyHasher {

    String describe() {
        return GatewayInternals.owner() + Digests.algorithm() + NeedlesslyPublic.name();
    }
}
