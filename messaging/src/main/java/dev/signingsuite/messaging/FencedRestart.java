package dev.signingsuite.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts a listener container again after its transactional producer was fenced.
 *
 * <p>When a commit fails with {@code ProducerFencedException}, spring-kafka neither rolls the
 * consumer back to the poll's first records nor calls the after-rollback processor: it assumes the
 * partitions moved to another instance. But a broker that is killed or slow also fences a producer
 * (its transaction timed out, its epoch is stale) while this consumer keeps its partitions, and
 * the next poll's transaction then commits offsets past the records whose answers were aborted.
 * Measured: 50 of 5,000 documents lost in augmentation-service under {@code chaos} with two Kafka
 * node kills, their {@code SignatureReturned} consumed and no {@code SignatureAugmented} ever
 * written. So every container stops when fenced ({@code stopContainerWhenFenced}, set in {@link
 * MessagingConfiguration}) and comes back here: its consumers rejoin the group and read from the
 * committed offsets, so the aborted records are delivered again, to whichever consumer owns them.
 */
final class FencedRestart implements ApplicationListener<ConsumerStoppedEvent> {

    private static final Logger log = LoggerFactory.getLogger(FencedRestart.class);

    @Override
    public void onApplicationEvent(ConsumerStoppedEvent event) {
        if (event.getReason() != ConsumerStoppedEvent.Reason.FENCED) {
            return;
        }
        MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
        // Not on the stopping consumer's thread: stopping the whole container waits for it.
        Thread restart = new Thread(
                () -> {
                    log.warn("{}: producer fenced; the consumers start again from the committed offsets", container);
                    container.stop();
                    container.start();
                },
                "fenced-restart");
        restart.setDaemon(true);
        restart.start();
    }
}
