package dev.signingsuite.provider.onetime.enrolment;

import dev.signingsuite.est.EstEndpoint;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CA's RFC 7030 (EST) endpoint, which the suite enrols with as a registration authority.
 *
 * @param server {@code host:port} of the EST server (TLS; the path is {@code /.well-known/est/})
 * @param trustAnchors PEM file with the CAs that issue the EST server's TLS certificate
 * @param raUser the registration authority's user name (HTTP Basic)
 * @param raSecret its password; never logged, never in {@link #toString()}
 * @param timeout connect and read timeout of one EST request
 */
@Validated
@ConfigurationProperties("signing.onetime.est")
public record EstProperties(
        @NotBlank String server,
        @NotNull Path trustAnchors,
        @NotBlank String raUser,
        @NotBlank String raSecret,
        @DefaultValue("10s") @NotNull Duration timeout) {

    /** The endpoint the shared EST client enrols with. */
    public EstEndpoint endpoint() {
        return new EstEndpoint(server, trustAnchors, raUser, raSecret, timeout);
    }

    @Override
    public String toString() {
        return "EstProperties[server=" + server + ", trustAnchors=" + trustAnchors + ", raUser=" + raUser
                + ", raSecret=***, timeout=" + timeout + "]";
    }
}
