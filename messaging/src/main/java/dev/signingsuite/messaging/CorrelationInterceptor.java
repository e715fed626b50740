package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.CloudEventHeaders;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the consumed record's trace id and document id into the MDC for as long as the listener
 * handles it, so that every log line of a document's path carries both (the logging pattern in
 * signing-messaging.yml prints them). Runs on the consumer thread, around the function call.
 */
final class CorrelationInterceptor<K, V> implements RecordInterceptor<K, V> {

    static final String TRACE_ID = "trace.id";
    static final String DOCUMENT_ID = "document.id";

    /**
     * A record without a valid trace (a back-office intake record) starts one here, in its headers,
     * so that the stage's log lines already carry the trace id that its events continue.
     */
    private final CurrentTrace currentTrace;

    CorrelationInterceptor() {
        this(CurrentTrace.NONE);
    }

    /**
     * @param currentTrace the binder's consumer span, when the listener's observation has started
     *     it already: a record without a trace is then that span's, and its id is the one the
     *     stage's events and spans carry
     */
    CorrelationInterceptor(CurrentTrace currentTrace) {
        this.currentTrace = currentTrace;
    }

    @Override
    public ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        Optional<String> traceId = TraceContext.traceId(text(record, CloudEventHeaders.TRACEPARENT));
        Optional<String> current = currentTrace.traceparent();
        if (current.isPresent() && !current.flatMap(TraceContext::traceId).equals(traceId)) {
            traceId = Optional.empty();
        }
        if (traceId.isEmpty()) {
            String started = current.orElseGet(TraceContext::newTraceparent);
            try {
                record.headers().remove(CloudEventHeaders.TRACEPARENT);
                record.headers().add(CloudEventHeaders.TRACEPARENT, started.getBytes(UTF_8));
                traceId = TraceContext.traceId(started);
            } catch (IllegalStateException readOnly) {
                // Headers frozen: the consumer span's trace is still the one the stage's events
                // carry; without a span, EventMessages starts the trace when the stage answers.
                traceId = current.flatMap(TraceContext::traceId);
            }
        }
        traceId.ifPresent(id -> MDC.put(TRACE_ID, id));
        String documentId = text(record, CloudEventHeaders.SUBJECT);
        if (documentId != null && !documentId.isBlank()) {
            MDC.put(DOCUMENT_ID, documentId);
        }
        ConsumedRecord.set(record);
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        MDC.remove(TRACE_ID);
        MDC.remove(DOCUMENT_ID);
        ConsumedRecord.clear();
    }

    private static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String value = new String(header.value(), UTF_8);
        // Spring's header mapper writes String headers as JSON strings unless mapped raw.
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }
}
