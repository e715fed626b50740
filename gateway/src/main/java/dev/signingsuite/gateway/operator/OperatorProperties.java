package dev.signingsuite.gateway.operator;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator pages: where the providers that need a person's authorisation answer.
 *
 * @param eparakstsUrl provider-eparaksts's HTTP base, e.g. {@code http://127.0.0.1:8084}; the
 *     eParaksts operator page is served only when it is set
 * @param cscUrl provider-csc's HTTP base; the CSC operator page ({@code /operator/csc}) is served
 *     only when it is set (and provider-csc has {@code signing.csc.operator-redirect-uri})
 */
@ConfigurationProperties("signing.gateway.operator")
public record OperatorProperties(URI eparakstsUrl, URI cscUrl) {}
