package dev.signingsuite.gateway.webhooks;

import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.messaging.BinderTransactionalTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Webhooks to the tenants' back offices and the batches' completion (ADR 27). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhooksConfiguration {

    @Bean
    WebhookOutbox webhookOutbox(JdbcClient jdbc, WebhookProperties properties, GatewayProperties gateway) {
        TreeSet<String> unknown = new TreeSet<>(properties.tenants().keySet());
        unknown.removeAll(gateway.tenants().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("signing.gateway.webhooks.tenants names tenants " + unknown
                    + " that signing.gateway.tenants does not configure");
        }
        return new WebhookOutbox(jdbc);
    }

    @Bean
    WebhookMeters webhookMeters(MeterRegistry registry) {
        return new WebhookMeters(registry);
    }

    @Bean
    BatchCompletions batchCompletions(JdbcClient jdbc) {
        return new BatchCompletions(jdbc);
    }

    @Bean
    StatusStore.Observer outcomeNotices(
            JdbcClient jdbc,
            WebhookOutbox outbox,
            BatchCompletions completions,
            WebhookProperties properties,
            WebhookMeters meters,
            Clock clock) {
        return new OutcomeNotices(jdbc, outbox, completions, properties.tenants(), meters, clock);
    }

    @Bean
    WebhookStates webhookStates(WebhookOutbox outbox) {
        return new WebhookStates(outbox);
    }

    @Bean
    WebhookRunner webhookRunner(
            WebhookOutbox outbox,
            BatchCompletions completions,
            WebhookProperties properties,
            WebhookMeters meters,
            TransactionTemplate transactions,
            ObjectProvider<BinderFactory> binders,
            Topics topics,
            Clock clock) {
        AddressGuard guard =
                new AddressGuard(properties.allowLoopback(), properties.allowPrivate(), AddressGuard.system());
        WebhookDelivery delivery = new WebhookDelivery(
                outbox, properties, guard, WebhookDelivery.client(properties.timeout()), clock, meters);
        BatchCompletedPublisher publisher = new BatchCompletedPublisher(
                completions, transactions, new BinderTransactionalTemplate(binders), topics, clock);
        return new WebhookRunner(publisher, delivery, outbox, meters, properties.pollInterval());
    }
}
