package dev.signingsuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ExportedSpansSamplerTest {

    private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    private static final String PROBABILITY = "management.tracing.sampling.probability";

    @Test
    void recordsNothingWithoutAnEndpoint() {
        assertThat(decision(new MockEnvironment().withProperty(PROBABILITY, "1.0")))
                .isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void appliesTheProbabilityWhenSpansAreExported() {
        MockEnvironment exported = new MockEnvironment().withProperty(ENDPOINT, "http://127.0.0.1:4318/v1/traces");

        assertThat(decision(exported.withProperty(PROBABILITY, "1.0"))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decision(exported.withProperty(PROBABILITY, "0.0"))).isEqualTo(SamplingDecision.DROP);
    }

    private static SamplingDecision decision(MockEnvironment environment) {
        Sampler sampler = new MessagingConfiguration().exportedSpansSampler(environment);
        return sampler.shouldSample(
                        Context.root(),
                        "0af7651916cd43dd8448eb211c80319c",
                        "consume",
                        SpanKind.CONSUMER,
                        Attributes.empty(),
                        List.of())
                .getDecision();
    }
}
