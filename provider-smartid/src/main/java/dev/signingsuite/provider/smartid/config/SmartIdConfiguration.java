package dev.signingsuite.provider.smartid.config;

import dev.signingsuite.messaging.TracedHttpClient;
import dev.signingsuite.provider.smartid.client.ResponseVerifier;
import dev.signingsuite.provider.smartid.client.SmartIdCallException;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.provider.smartid.client.SmartIdProperties;
import dev.signingsuite.provider.smartid.devicelink.ChoiceSessions;
import dev.signingsuite.provider.smartid.devicelink.DeviceLinkProperties;
import dev.signingsuite.provider.smartid.signing.LinkedFlow;
import dev.signingsuite.signature.DssSignatures;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Smart-ID client, the response checks, the retry and the DSS service, one of each per instance. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SmartIdProperties.class, DeviceLinkProperties.class})
class SmartIdConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Completes the HTTP client's exchanges, the long polls of every open session included: a fixed
     * pool, so that thousands of open sessions never grow the client's default cached pool.
     */
    // Not an ExecutorService bean: one of those would make Boot back off its applicationTaskExecutor.
    @Bean(destroyMethod = "close")
    HttpThreads smartIdHttpThreads() {
        AtomicInteger count = new AtomicInteger();
        return new HttpThreads(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "smartid-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }));
    }

    record HttpThreads(ExecutorService executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    @Bean
    SmartIdClient smartIdClient(
            SmartIdProperties properties,
            HttpThreads smartIdHttpThreads,
            ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<ObservationRegistry> observations) {
        MeterRegistry meters = meterRegistry.getIfAvailable(SimpleMeterRegistry::new);
        HttpClient http = TracedHttpClient.of(
                HttpClient.newBuilder()
                        .executor(smartIdHttpThreads.executor())
                        .connectTimeout(properties.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                meters,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        return new SmartIdClient(http, properties);
    }

    @Bean
    ResponseVerifier responseVerifier(SmartIdProperties properties, Clock clock) {
        return new ResponseVerifier(
                ResponseVerifier.readPem(properties.trustAnchors()), properties.certificateLevel(), clock);
    }

    /** Retries transient errors of session-creating calls only, with exponential backoff and jitter. */
    @Bean
    Retry smartIdRetry(SmartIdProperties properties, ObjectProvider<RetryRegistry> registry) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(properties.retry().maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        properties.retry().initialBackoff(), 2.0, 0.5))
                .retryOnException(e -> e instanceof SmartIdCallException call && call.isTransient())
                .build();
        return registry.getIfAvailable(RetryRegistry::ofDefaults).retry("smartid", config);
    }

    @Bean
    DssSignatures dssSignatures() {
        return new DssSignatures(new CommonCertificateVerifier());
    }

    @Bean
    ChoiceSessions choiceSessions(DeviceLinkProperties deviceLink, SmartIdProperties properties, Clock clock) {
        return new ChoiceSessions(deviceLink, properties.relyingPartyName(), clock);
    }

    @Bean
    LinkedFlow linkedFlow(
            SmartIdClient client,
            ResponseVerifier verifier,
            DssSignatures signatures,
            Retry smartIdRetry,
            ChoiceSessions choices,
            DeviceLinkProperties deviceLink,
            Clock clock,
            SmartIdProperties properties) {
        return new LinkedFlow(
                client,
                verifier,
                signatures,
                smartIdRetry,
                choices,
                deviceLink.callbackUrl(),
                clock,
                properties.sessionTimeout());
    }
}
