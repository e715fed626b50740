package dev.signingsuite.messaging;

import dev.signingsuite.events.CloudEventHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a send inside a span of the document's own trace. On a record listener's thread the
 * binder's consumer span is that span already; but a batching provider answers a poll of many
 * documents, and a Smart-ID poller answers long after the record was consumed: there the
 * producer observations would start a new trace per event (or put every document of a poll into
 * one). This opens, around such a send, a span that continues the trace the event carries (its
 * cause's, see {@link EventMessages}), so that the producer spans become its children.
 */
final class TraceContinuation {

    // Not under signing.*: that prefix gets histogram buckets (signing-messaging.yml), this timer needs none.
    static final String OBSERVATION = "messaging.trace.continuation";

    static final TraceContinuation NONE = new TraceContinuation(ObservationRegistry.NOOP, CurrentTrace.NONE);

    private final ObservationRegistry registry;
    private final CurrentTrace currentTrace;

    TraceContinuation(ObservationRegistry registry, CurrentTrace currentTrace) {
        this.registry = registry;
        this.currentTrace = currentTrace;
    }

    /**
     * A span of {@code traceparent}'s trace that stays open across several calls: a batched stage
     * works on a document, then sends its outcome when the whole poll is done, and both are the
     * same span's (the producer span a child of it, as on a record listener's thread).
     */
    DocumentSpan open(String traceparent, String what) {
        if (!inAnotherTrace(traceparent) || registry.isNoop()) {
            return DocumentSpan.NONE;
        }
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
        context.setCarrier(Map.of(CloudEventHeaders.TRACEPARENT, traceparent));
        return new DocumentSpan(Observation.createNotStarted(OBSERVATION, () -> context, registry)
                .contextualName(what)
                .start());
    }

    private boolean inAnotherTrace(String traceparent) {
        return TraceContext.traceId(traceparent).isPresent()
                && currentTrace
                        .traceparent()
                        .filter(current -> TraceContext.sameTrace(current, traceparent))
                        .isEmpty();
    }

    <R> R around(String traceparent, String what, Supplier<R> action) {
        if (!inAnotherTrace(traceparent) || registry.isNoop()) {
            return action.get();
        }
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
        context.setCarrier(Map.of(CloudEventHeaders.TRACEPARENT, traceparent));
        return Observation.createNotStarted(OBSERVATION, () -> context, registry)
                .contextualName(what)
                .observe(action);
    }
}
