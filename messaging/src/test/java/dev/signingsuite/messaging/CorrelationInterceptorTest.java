package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.CloudEventHeaders;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationInterceptorTest {

    private final CorrelationInterceptor<String, byte[]> interceptor = new CorrelationInterceptor<>();

    @Test
    void putsTheTraceAndDocumentIdsIntoTheMdcWhileTheRecordIsHandled() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("t", 0, 0, "doc-1", new byte[0]);
        record.headers().add(CloudEventHeaders.SUBJECT, "doc-1".getBytes(UTF_8));
        // As Spring's header mapper writes a String header: a JSON string.
        record.headers()
                .add(
                        CloudEventHeaders.TRACEPARENT,
                        "\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"".getBytes(UTF_8));

        interceptor.intercept(record, null);

        assertThat(MDC.get("trace.id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(MDC.get("document.id")).isEqualTo("doc-1");
        interceptor.afterRecord(record, null);
        assertThat(MDC.get("trace.id")).isNull();
        assertThat(MDC.get("document.id")).isNull();
    }

    @Test
    void aRecordWithoutATraceStartsOneInItsHeaders() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("intake", 0, 0, "ref-1", new byte[0]);

        interceptor.intercept(record, null);

        String traceparent = new String(
                record.headers().lastHeader(CloudEventHeaders.TRACEPARENT).value(), UTF_8);
        assertThat(TraceContext.traceId(traceparent)).contains(MDC.get("trace.id"));
        assertThat(MDC.get("document.id")).isNull();
        interceptor.afterRecord(record, null);
    }

    @Test
    void aRecordWithoutATraceTakesTheConsumerSpansWhenTheObservationStartedFirst() {
        String consumerSpan = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        CorrelationInterceptor<String, byte[]> traced = new CorrelationInterceptor<>(() -> Optional.of(consumerSpan));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("intake", 0, 0, "ref-1", new byte[0]);

        traced.intercept(record, null);

        assertThat(new String(
                        record.headers()
                                .lastHeader(CloudEventHeaders.TRACEPARENT)
                                .value(),
                        UTF_8))
                .isEqualTo(consumerSpan);
        assertThat(MDC.get("trace.id"))
                .as("the trace the stage's events and spans carry")
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        traced.afterRecord(record, null);
    }
}
