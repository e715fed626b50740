package dev.signingsuite.gateway.outcomes;

import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.BinderTransactionalTemplate;
import dev.signingsuite.messaging.ContainerCustomization;
import dev.signingsuite.messaging.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.ExponentialBackOff;

/** The copy of each tenant's outcomes to its own topic (ADR 23): binding {@code routeOutcomes-in-0}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutcomesConfiguration.BinderConnection.class)
class OutcomesConfiguration {

    static final String GROUP = "gateway-outcomes";

    /** How often the gateway lists the cluster's tenant outcome topics. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    TopicListing outcomeTopicListing(BinderConnection binder) {
        return new TopicListing(String.join(",", binder.brokers()), binder.configuration(), ADMIN_TIMEOUT);
    }

    /**
     * The binder's connection (brokers, common client settings such as SASL and TLS): the binder's
     * own properties live in its child context.
     */
    @ConfigurationProperties("spring.cloud.stream.kafka.binder")
    record BinderConnection(List<String> brokers, Map<String, String> configuration) {
        BinderConnection {
            brokers = brokers == null || brokers.isEmpty() ? List.of("localhost:9092") : List.copyOf(brokers);
            configuration = configuration == null ? Map.of() : Map.copyOf(configuration);
        }
    }

    @Bean
    Consumer<Message<List<byte[]>>> routeOutcomes(
            Topics topics,
            TopicListing outcomeTopicListing,
            Clock clock,
            ObjectProvider<BinderFactory> binders,
            DeadLetters stageDeadLetters) {
        ProvisionedOutcomeTopics provisioned =
                new ProvisionedOutcomeTopics(outcomeTopicListing, topics.tenantOutcomesPrefix(), clock, REFRESH);
        return new OutcomeRouter(topics, provisioned, new BinderTransactionalTemplate(binders), stageDeadLetters);
    }

    /**
     * The router's poll fails only when the broker does (a send, the commit): rolled back and
     * delivered again, with delays growing to 30 s, for as long as it takes, never skipped nor
     * dead-lettered, since an outcome must reach its tenant (as messaging's BatchedStages does).
     */
    @Bean
    ContainerCustomization outcomeRouterRetries() {
        return new ContainerCustomization() {
            @Override
            public void customize(AbstractMessageListenerContainer<?, ?> container, String destination, String group) {
                if (handlesErrors(destination, group)) {
                    ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
                    backOff.setMaxInterval(30_000);
                    container.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(backOff));
                }
            }

            @Override
            public boolean handlesErrors(String destination, String group) {
                return GROUP.equals(group);
            }
        };
    }
}
