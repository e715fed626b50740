package dev.signingsuite.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.StageBindingContract;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.config.name=" + ContainerServiceApplication.CONFIG_NAME)
class ContainerServiceBindingsIT extends StageBindingContract {

    @Override
    protected String inputTopic() {
        return TOPICS.signatureAugmented().name();
    }

    @Override
    protected String outputTopic() {
        return TOPICS.documentFailed().name();
    }

    @Override
    protected String consumerGroup() {
        return "container-service";
    }

    @Override
    protected Object sampleInput(String reference) {
        return SampleEvents.signatureAugmented(reference);
    }

    @Override
    protected void assertAnswer(Object input, byte[] answer) {
        DocumentFailed failed = EventJson.read(answer, DocumentFailed.class);
        assertThat(failed.stage()).isEqualTo(FailureStage.CONTAINER);
        assertThat(failed.reason()).isEqualTo(FailureReason.STAGE_UNAVAILABLE);
        assertThat(failed.message()).contains("container-service");
    }
}
