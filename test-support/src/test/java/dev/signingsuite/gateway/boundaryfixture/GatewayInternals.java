package dev.signingsuite.gateway.boundaryfixture;

/** Fixture: a gateway class that another service must not use (see ServiceBoundariesTest). */
public final class GatewayInternals {

    private GatewayInternals() {}

    public static String owner() {
        return "gateway";
    }
}
