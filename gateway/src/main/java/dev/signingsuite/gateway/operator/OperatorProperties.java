package dev.signingsuite.gateway.operator;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator pages: where the providers that need a person's authorisation answer.
 *
 * @param eparakstsUrl provider-eparaksts's HTTP base, e.g. {@code http://127.0.0.1:8084}; the
 *     eParaksts operator page is served only when it is set
 */
@ConfigurationProperties("signing.gateway.operator")
public record OperatorProperties(URI eparakstsUrl) {}
