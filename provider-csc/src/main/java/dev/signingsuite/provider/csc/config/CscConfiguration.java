package dev.signingsuite.provider.csc.config;

import dev.signingsuite.provider.csc.client.CscCallException;
import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.csc.signing.BatchSigner;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CSC client, its retry and the DSS service, one of each per instance. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CscProperties.class)
class CscConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CscClient cscClient(CscProperties properties, Clock clock, MeterRegistry meters) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new CscClient(http, properties, clock, meters);
    }

    /**
     * Retries transient errors only, with exponential backoff and jitter; registered in the
     * Resilience4j registry so that {@code resilience4j.retry.calls{name="csc"}} is exported.
     */
    @Bean
    Retry cscRetry(CscProperties properties, ObjectProvider<RetryRegistry> registry) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(properties.retry().maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        properties.retry().initialBackoff(), 2.0, 0.5))
                .retryOnException(e -> e instanceof CscCallException call && call.isTransient())
                .build();
        return registry.getIfAvailable(RetryRegistry::ofDefaults).retry("csc", config);
    }

    /** Shared across threads; only the parameter objects are per document. */
    @Bean
    CAdESService cadesService() {
        return new CAdESService(new CommonCertificateVerifier());
    }

    @Bean
    BatchSigner batchSigner(
            CscClient client,
            CAdESService cades,
            Retry cscRetry,
            Clock clock,
            MeterRegistry meters,
            CscProperties properties) {
        return new BatchSigner(
                client, cades, cscRetry, clock, meters, properties.credentialId(), properties.maxBatchSize());
    }
}
