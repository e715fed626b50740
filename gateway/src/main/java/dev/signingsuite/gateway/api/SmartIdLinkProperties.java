package dev.signingsuite.gateway.api;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the gateway asks for the Smart-ID device links it serves.
 *
 * @param providerUrl provider-smartid's HTTP base, e.g. {@code http://127.0.0.1:8085}; without it
 *     {@code GET /v1/documents/{id}/smartid/link} answers 503
 */
@ConfigurationProperties("signing.gateway.smartid")
public record SmartIdLinkProperties(URI providerUrl) {}
