package dev.signingsuite.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The span the current thread works in, as the W3C {@code traceparent} an event it writes carries.
 * With a tracer, the binder's producer observation replaces an event's {@code traceparent} with
 * its own span's; {@link EventMessages} writes the same trace, so that header and spans agree even
 * where no observation runs.
 */
@FunctionalInterface
public interface CurrentTrace {

    /** No tracer: every event carries the trace of its cause, or a new one. */
    CurrentTrace NONE = Optional::empty;

    /** Empty when no span is current (no tracer, a thread outside any observation). */
    Optional<String> traceparent();

    /** The current span of Micrometer Tracing, written by its propagator (W3C on our services). */
    static CurrentTrace of(Tracer tracer, Propagator propagator) {
        return () -> {
            Span span = tracer.currentSpan();
            if (span == null || span.isNoop()) {
                return Optional.empty();
            }
            Map<String, String> carrier = new HashMap<>();
            propagator.inject(span.context(), carrier, Map::put);
            return Optional.ofNullable(carrier.get("traceparent"))
                    .filter(value -> TraceContext.traceId(value).isPresent());
        };
    }
}
