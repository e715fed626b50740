package dev.signingsuite.messaging;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The W3C trace context ({@code traceparent}) a document's events carry: one trace per document,
 * started where the document enters the suite and copied onto every event it causes.
 */
public final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String INVALID_TRACE_ID = "0".repeat(32);

    private TraceContext() {}

    /** A new sampled {@code traceparent}: random, never the all-zero trace or span id. */
    public static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String traceId;
        do {
            traceId = "%016x%016x".formatted(random.nextLong(), random.nextLong());
        } while (traceId.equals(INVALID_TRACE_ID));
        long spanId;
        do {
            spanId = random.nextLong();
        } while (spanId == 0);
        return "00-" + traceId + "-" + "%016x".formatted(spanId) + "-01";
    }

    /** The trace id of a well-formed {@code traceparent}, empty for anything else. */
    public static Optional<String> traceId(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        var matcher = TRACEPARENT.matcher(traceparent.trim());
        if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE_ID)) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }

    /** Whether two {@code traceparent}s are well-formed and of one trace. */
    public static boolean sameTrace(String traceparent, String other) {
        Optional<String> traceId = traceId(traceparent);
        return traceId.isPresent() && traceId.equals(traceId(other));
    }
}
