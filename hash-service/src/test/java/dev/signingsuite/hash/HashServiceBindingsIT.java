package dev.signingsuite.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Provider;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.StageBindingContract;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.config.name=" + HashServiceApplication.CONFIG_NAME)
class HashServiceBindingsIT extends StageBindingContract {

    @Override
    protected String inputTopic() {
        return TOPICS.documentReceived().name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.documentFailed().name();
    }

    @Override
    protected String consumerGroup() {
        return "hash-service";
    }

    @Override
    protected Object sampleInput(String reference) {
        return SampleEvents.received(reference, Provider.CSC);
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        DocumentFailed failed = EventJson.read(answer, DocumentFailed.class);
        assertThat(failed.stage()).isEqualTo(FailureStage.HASH);
        assertThat(failed.reason()).isEqualTo(FailureReason.STAGE_UNAVAILABLE);
        assertThat(failed.message()).contains("hash-service");
    }
}
