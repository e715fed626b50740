package dev.signingsuite.gateway.devices;

import dev.signingsuite.est.EstEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Signing-device registration (issue 22, §9.2.1; ADR 32): off unless {@code scd-url} is set.
 *
 * @param scdUrl the remote signature creation device service, e.g. the sandbox's {@code
 *     http://127.0.0.1:8190/scd/v1}; null: {@code POST /v1/devices} answers 503
 * @param est the device CA's EST endpoint the gateway enrols with as registration authority
 * @param person whose ID tokens authenticate the person who registers a device
 * @param timeout of one call to the SCD service
 */
@Validated
@ConfigurationProperties("signing.gateway.devices")
public record DeviceProperties(
        URI scdUrl,
        EstEndpoint est,
        @Valid Person person,
        @DefaultValue("10s") @NotNull Duration timeout) {

    public DeviceProperties {
        if (scdUrl != null && (est == null || person == null)) {
            throw new IllegalArgumentException(
                    "signing.gateway.devices.scd-url needs signing.gateway.devices.est and .person too");
        }
    }

    /** Whether registration is on. */
    public boolean enabled() {
        return scdUrl != null;
    }

    /**
     * The identity provider (the ID building block) whose ID tokens the gateway accepts.
     *
     * @param issuer the {@code iss} the tokens must carry
     * @param audience the {@code aud} they must carry: the client they were issued to
     * @param jwksUri where the provider publishes its signing keys
     * @param identifierClaim the claim with the person's ETSI EN 319 412-1 identifier
     */
    public record Person(
            @NotNull URI issuer,
            @NotBlank String audience,
            @NotNull URI jwksUri,
            @DefaultValue("serial_number") @NotBlank String identifierClaim) {}
}
