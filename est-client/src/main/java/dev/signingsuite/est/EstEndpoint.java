package dev.signingsuite.est;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A CA's RFC 7030 (EST) endpoint, which the suite enrols with as a registration authority. Each
 * service binds it under its own configuration prefix (provider-onetime's {@code
 * signing.onetime.est}, the gateway's {@code signing.gateway.devices.est}).
 *
 * @param server {@code host:port} of the EST server (TLS; the path is {@code /.well-known/est/})
 * @param trustAnchors PEM file with the CAs that issue the EST server's TLS certificate
 * @param raUser the registration authority's user name (HTTP Basic)
 * @param raSecret its password; never logged, never in {@link #toString()}
 * @param timeout connect and read timeout of one EST request
 */
public record EstEndpoint(String server, Path trustAnchors, String raUser, String raSecret, Duration timeout) {

    public EstEndpoint {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("the EST server (host:port) must be set");
        }
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        if (raUser == null || raUser.isBlank() || raSecret == null || raSecret.isBlank()) {
            throw new IllegalArgumentException("the registration authority's user and secret must be set");
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
        return "EstEndpoint[server=" + server + ", trustAnchors=" + trustAnchors + ", raUser=" + raUser
                + ", raSecret=***, timeout=" + timeout + "]";
    }
}
