package dev.signingsuite.provider.smartid.messaging;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses the poller's consumer while an instance has as many open sessions as it may hold, and
 * resumes it once a tenth of them have ended. A paused consumer keeps its partitions and its
 * heartbeat; it only stops fetching, so this is backpressure, not a stall.
 */
final class Backpressure {

    private final int maxOpen;
    private final int resumeBelow;
    private final AtomicReference<MessageListenerContainer> container = new AtomicReference<>();

    Backpressure(int maxOpen) {
        this.maxOpen = maxOpen;
        this.resumeBelow = Math.max(1, maxOpen - Math.max(1, maxOpen / 10));
    }

    /** The poller binding's listener container, once the binder has created it. */
    void container(MessageListenerContainer listenerContainer) {
        container.set(listenerContainer);
    }

    void opened(int open) {
        MessageListenerContainer current = container.get();
        if (current != null && open >= maxOpen && !current.isPauseRequested()) {
            current.pause();
        }
    }

    void ended(int open) {
        MessageListenerContainer current = container.get();
        if (current != null && open < resumeBelow && current.isPauseRequested()) {
            current.resume();
        }
    }

    boolean paused() {
        MessageListenerContainer current = container.get();
        return current != null && current.isPauseRequested();
    }
}
