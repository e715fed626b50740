package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic that a provider reads to its end (the signing intents' ledger, the cancelled
 * batches): its partitions, waiting for them, and creating the topic compacted where no deployment
 * did (the standalone suite, tests), since a broker's auto-creation would make it an ordinary topic
 * that forgets after its retention.
 */
final class CompactedTopic {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopic.class);

    private CompactedTopic() {}

    static List<TopicPartition> partitions(Consumer<?, ?> consumer, Topic<?> topic, String brokers, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean created = false;
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), wait);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(topic.name(), info.partition()))
                        .toList();
            }
            if (!created) {
                create(topic, brokers, wait);
                created = true;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic.name() + " has no partitions");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking for " + topic.name(), e);
            }
        }
    }

    private static void create(Topic<?> topic, String brokers, Duration wait) {
        NewTopic compacted = new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty())
                .configs(Map.of(
                        "cleanup.policy",
                        "compact,delete",
                        "retention.ms",
                        Long.toString(topic.retention().toMillis())));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(compacted)).all().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created the compacted topic {}", topic.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("Did not create {}: {}", topic.name(), e.getMessage());
        }
    }
}
