package dev.signingsuite.provider.csc.config;

import dev.signingsuite.messaging.TracedHttpClient;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.csc.client.OperatorAuthorisation;
import dev.signingsuite.provider.csc.signing.CredentialApprovals;
import dev.signingsuite.provider.runtime.SigningIntents;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CSC client and its retry, one of each per instance. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CscProperties.class)
class CscConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Registered in the Resilience4j registry so that {@code resilience4j.circuitbreaker.state{name="csc"}}
     * and its call counters are exported.
     */
    @Bean
    CircuitBreaker cscCircuitBreaker(ObjectProvider<CircuitBreakerRegistry> registry) {
        return registry.getIfAvailable(CircuitBreakerRegistry::ofDefaults)
                .circuitBreaker("csc", CscClient.breakerConfig());
    }

    /** Closed at shutdown: the service token is revoked where the service offers it. */
    @Bean(destroyMethod = "close")
    CscClient cscClient(
            CscProperties properties,
            Clock clock,
            MeterRegistry meters,
            CircuitBreaker cscCircuitBreaker,
            ObjectProvider<ObservationRegistry> observations) {
        HttpClient http = TracedHttpClient.of(
                HttpClient.newBuilder()
                        .connectTimeout(properties.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                meters,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        CscClient client = new CscClient(http, properties, clock, meters, cscCircuitBreaker);
        if (properties.operatorRedirectUri() != null) {
            client.useOperatorAuthorisation(new OperatorAuthorisation(
                    client, properties.operatorRedirectUri(), clock, properties.tokenRefreshMargin()));
        }
        return client;
    }

    /** The person's service authorisation, when {@code signing.csc.operator-redirect-uri} is set. */
    @Bean
    @ConditionalOnProperty("signing.csc.operator-redirect-uri")
    OperatorAuthorisation cscOperatorAuthorisation(CscClient client) {
        return client.operatorAuthorisation().orElseThrow();
    }

    /**
     * {@code signing.seal.certificate.expiry{provider="csc"}}: seconds until the seal certificate's
     * notAfter, for the expiry alert. NaN until the credential has been described (first batch): a
     * scrape never calls the service.
     */
    @Bean
    MeterBinder sealCertificateExpiry(CscClient client, Clock clock) {
        return registry -> Gauge.builder(
                        "signing.seal.certificate.expiry",
                        client,
                        c -> c.resolvedCredential()
                                .map(credential -> (double) Duration.between(
                                                clock.instant(),
                                                credential
                                                        .signingCertificate()
                                                        .getNotAfter()
                                                        .toInstant())
                                        .toSeconds())
                                .orElse(Double.NaN))
                .description("Seconds until the seal certificate expires")
                .baseUnit("seconds")
                .tag("provider", "csc")
                .register(registry);
    }

    /**
     * Retries transient errors only, with backoff and jitter or the service's Retry-After; registered in the
     * Resilience4j registry so that {@code resilience4j.retry.calls{name="csc"}} is exported.
     */
    @Bean
    Retry cscRetry(CscProperties properties, ObjectProvider<RetryRegistry> registry) {
        return registry.getIfAvailable(RetryRegistry::ofDefaults)
                .retry("csc", CscClient.retryConfig(properties.retry()));
    }

    /** A person's approvals of groups of documents, when {@code signing.csc.approval-redirect-uri} is set. */
    @Bean
    @ConditionalOnProperty("signing.csc.approval-redirect-uri")
    CredentialApprovals cscCredentialApprovals(
            CscClient client,
            CscProperties properties,
            Clock clock,
            MeterRegistry meters,
            ObjectProvider<SigningIntents> ledger) {
        // Looked up at the first call: the ledger's bean needs the signer, which needs these approvals.
        return new CredentialApprovals(client, properties.approvalRedirectUri(), clock, meters, ledger::getObject);
    }
}
