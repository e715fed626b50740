package dev.signingsuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTest {

    @Test
    void readsTheTraceIdOfAWellFormedTraceparentOnly() {
        assertThat(TraceContext.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .contains("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceContext.traceId("00-abc-def-01")).isEmpty();
        assertThat(TraceContext.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isEmpty();
        assertThat(TraceContext.traceId(null)).isEmpty();
    }

    @Test
    void newTraceparentsAreValidAndDistinct() {
        String one = TraceContext.newTraceparent();
        String two = TraceContext.newTraceparent();
        assertThat(TraceContext.traceId(one)).isPresent();
        assertThat(TraceContext.traceId(one)).isNotEqualTo(TraceContext.traceId(two));
    }
}
