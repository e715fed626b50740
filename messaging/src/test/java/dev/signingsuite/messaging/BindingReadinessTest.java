package dev.signingsuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The readiness contributor against real consumers in a real group: a binding whose consumer has
 * not finished its first rebalance is not ready, an instance left without a partition (more
 * members than partitions) is a ready standby, a stopped binding is not ready.
 */
class BindingReadinessTest {

    private static final String TOPIC = "readiness.one-partition";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        // A new group's first rebalance waits this long for more members: a window in which a
        // started consumer is observably not yet assigned.
        broker.brokerProperty("group.initial.rebalance.delay.ms", "1500");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void readyOnlyOnceEveryConsumerIsAssignedAndNotOnceStopped() {
        BindingReadiness readiness = new BindingReadiness(null);
        var first = container("first");
        var second = container("second");
        readiness.track(first, TOPIC, "group-a");
        readiness.track(second, TOPIC + "-again", "group-a");
        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);

        first.start();
        second.start();
        Health joining = readiness.health();
        assertThat(joining.getStatus()).isEqualTo(Status.DOWN);
        assertThat(joining.getDetails()).containsEntry(TOPIC + " (group-a)", "waiting for assignment");

        await().atMost(WAIT).until(() -> readiness.health().getStatus().equals(Status.UP));
        // One partition, two members: one consumes, the other stands by and is still ready.
        assertThat(readiness.health().getDetails().values())
                .containsExactlyInAnyOrder("assigned 1", "assigned 0 (standby: more members than partitions)");

        second.stop();
        Health stopping = readiness.health();
        assertThat(stopping.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stopping.getDetails()).containsEntry(TOPIC + "-again (group-a)", "stopped");
        first.stop();
    }

    @Test
    void theBrokerCheckSaysWhetherTheClusterAnswers() {
        var reachable = new BrokerReachability(
                new BrokerReachability.BinderConnection(List.of(broker.getBrokersAsString()), Map.of()),
                Duration.ofSeconds(5));
        var unreachable = new BrokerReachability(
                new BrokerReachability.BinderConnection(List.of("127.0.0.1:1"), Map.of()), Duration.ofMillis(500));
        try (reachable;
                unreachable) {
            assertThat(reachable.check()).isEqualTo("reachable");
            assertThat(unreachable.check()).startsWith("unreachable");
        }
        BindingReadiness withoutBindings = new BindingReadiness(new BrokerReachability(
                new BrokerReachability.BinderConnection(List.of("127.0.0.1:1"), Map.of()), Duration.ofMillis(500)));
        assertThat(withoutBindings.health().getStatus()).isEqualTo(Status.DOWN);
        withoutBindings.destroy();
    }

    private static ConcurrentMessageListenerContainer<String, String> container(String clientId) {
        var consumers = new DefaultKafkaConsumerFactory<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "group-a",
                ConsumerConfig.CLIENT_ID_CONFIG,
                clientId,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        var properties = new ContainerProperties(TOPIC);
        // A stop waits for the poll in progress.
        properties.setPollTimeout(200);
        properties.setMessageListener((MessageListener<String, String>) record -> {});
        return new ConcurrentMessageListenerContainer<>(consumers, properties);
    }
}
