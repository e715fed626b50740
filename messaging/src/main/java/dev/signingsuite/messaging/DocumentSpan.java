package dev.signingsuite.messaging;

import io.micrometer.observation.Observation;
import java.util.function.Supplier;

/**
 * A document's span in a stage that handles many documents at once ({@link BatchedStage}): opened
 * for the document's work and again for the send of its outcome, then ended. Made by {@link
 * EventMessages#span}.
 */
public final class DocumentSpan {

    /** Already in the document's trace, or tracing off: runs the work as it is. */
    static final DocumentSpan NONE = new DocumentSpan(null);

    private final Observation observation;

    DocumentSpan(Observation observation) {
        this.observation = observation;
    }

    /** Runs {@code work} with this span current, so that its spans and events are its children. */
    public <R> R within(Supplier<R> work) {
        if (observation == null) {
            return work.get();
        }
        try (Observation.Scope scope = observation.openScope()) {
            return work.get();
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        }
    }

    public void end() {
        if (observation != null) {
            observation.stop();
        }
    }
}
