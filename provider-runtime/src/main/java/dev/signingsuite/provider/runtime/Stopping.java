package dev.signingsuite.provider.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.SmartLifecycle;

/**
 * Raised when the context starts to close, just before the input bindings stop (their phase is
 * {@code Integer.MAX_VALUE - 3000}; a higher phase stops first): a poll that arrives from then on
 * is handed back unsigned, so that no remote call starts that the next owner of the partition
 * would have to make anyway.
 */
final class Stopping implements SmartLifecycle {

    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile boolean running;

    boolean now() {
        return stopping.get();
    }

    @Override
    public void start() {
        stopping.set(false);
        running = true;
    }

    @Override
    public void stop() {
        stopping.set(true);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
