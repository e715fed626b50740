package dev.signingsuite.gateway.webhooks;

import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.gateway.tenants.Tenants;
import dev.signingsuite.messaging.BinderTransactionalTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.TreeSet;
import java.util.function.Function;
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

    /**
     * Each tenant's endpoint as the tenants' database holds it now (ADR 30): configuration's written
     * there at start-up, the admin API's set at any time.
     */
    @Bean
    Function<String, WebhookProperties.Endpoint> webhookEndpoints(Tenants tenants) {
        return tenantId -> tenants.webhook(tenantId)
                .map(webhook -> new WebhookProperties.Endpoint(webhook.url(), webhook.secret()))
                .orElse(null);
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
    BatchWebhooks batchWebhooks(JdbcClient jdbc) {
        return new BatchWebhooks(jdbc);
    }

    @Bean
    WebhookUrls webhookUrls(Tenants tenants) {
        return new WebhookUrls(tenants);
    }

    @Bean
    StatusStore.Observer outcomeNotices(
            JdbcClient jdbc,
            WebhookOutbox outbox,
            BatchCompletions completions,
            Function<String, WebhookProperties.Endpoint> webhookEndpoints,
            BatchWebhooks batchWebhooks,
            WebhookMeters meters,
            Clock clock) {
        return new OutcomeNotices(jdbc, outbox, completions, webhookEndpoints, batchWebhooks, meters, clock);
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
            Function<String, WebhookProperties.Endpoint> webhookEndpoints,
            WebhookMeters meters,
            TransactionTemplate transactions,
            ObjectProvider<BinderFactory> binders,
            Topics topics,
            Clock clock) {
        AddressGuard guard =
                new AddressGuard(properties.allowLoopback(), properties.allowPrivate(), AddressGuard.system());
        WebhookDelivery delivery = new WebhookDelivery(
                outbox,
                properties,
                webhookEndpoints,
                guard,
                WebhookDelivery.client(properties.timeout()),
                clock,
                meters);
        BatchCompletedPublisher publisher = new BatchCompletedPublisher(
                completions, transactions, new BinderTransactionalTemplate(binders), topics, clock);
        return new WebhookRunner(publisher, delivery, outbox, meters, properties.pollInterval());
    }
}
