package dev.signingsuite.provider.eparaksts.config;

import dev.signingsuite.messaging.TracedHttpClient;
import dev.signingsuite.provider.eparaksts.approval.SealApprovals;
import dev.signingsuite.provider.eparaksts.authorisation.SealAuthorisation;
import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import dev.signingsuite.provider.runtime.SigningIntents;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform client, the authorisation, the approval groups and the retry, one of each per instance. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EparakstsProperties.class)
class EparakstsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EparakstsClient eparakstsClient(
            EparakstsProperties properties,
            Clock clock,
            MeterRegistry meters,
            ObjectProvider<ObservationRegistry> observations) {
        HttpClient http = TracedHttpClient.of(
                HttpClient.newBuilder()
                        .connectTimeout(properties.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                meters,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        return new EparakstsClient(http, properties, clock, meters);
    }

    @Bean
    SealAuthorisation sealAuthorisation(
            EparakstsClient client, EparakstsProperties properties, Clock clock, MeterRegistry meters) {
        return new SealAuthorisation(client, properties, clock, meters);
    }

    @Bean
    SealApprovals sealApprovals(EparakstsClient client, EparakstsProperties properties) {
        return new SealApprovals(client, properties.approval(), properties.autoLogin());
    }

    @Bean
    ApprovalGroups<EparakstsClient.UserToken> sealApprovalGroups(
            SealApprovals approvals,
            EparakstsProperties properties,
            Clock clock,
            MeterRegistry meters,
            ObjectProvider<SigningIntents> ledger) {
        // Looked up at the first call: the ledger's bean needs the signer, which needs these groups.
        return new ApprovalGroups<>(
                "eparaksts", approvals, properties.approval().window(), clock, meters, ledger::getObject);
    }

    /** In the sandbox the test person is authorised at start-up, so sealing works out of the box. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> sandboxLogin(
            SealAuthorisation authorisation, EparakstsProperties properties) {
        return event -> {
            if (properties.autoLogin()) {
                authorisation.grant();
            }
        };
    }

    @Bean
    Retry eparakstsRetry(EparakstsProperties properties, ObjectProvider<RetryRegistry> registry) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(properties.retry().maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        properties.retry().initialBackoff(), 2.0, 0.5))
                .retryOnException(e -> e instanceof EparakstsCallException call && call.isTransient())
                .build();
        return registry.getIfAvailable(RetryRegistry::ofDefaults).retry("eparaksts", config);
    }
}
