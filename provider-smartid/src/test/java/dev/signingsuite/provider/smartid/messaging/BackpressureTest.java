package dev.signingsuite.provider.smartid.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;

class BackpressureTest {

    /** Records pause and resume requests as Spring Kafka's containers do. */
    private static final class Container implements MessageListenerContainer {
        boolean pauseRequested;
        int pauses;
        int resumes;

        @Override
        public void pause() {
            pauseRequested = true;
            pauses++;
        }

        @Override
        public void resume() {
            pauseRequested = false;
            resumes++;
        }

        @Override
        public boolean isPauseRequested() {
            return pauseRequested;
        }

        @Override
        public void setupMessageListener(Object messageListener) {}

        @Override
        public Map<String, Map<MetricName, ? extends Metric>> metrics() {
            return Map.of();
        }

        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public boolean isRunning() {
            return true;
        }
    }

    private final Container container = new Container();
    private final Backpressure backpressure = new Backpressure(100);

    @Test
    void pausesAtTheBoundAndResumesOnceATenthHasEnded() {
        backpressure.container(container);

        backpressure.opened(99);
        assertThat(container.pauseRequested).isFalse();
        backpressure.opened(100);
        backpressure.opened(101); // the rest of a poll already fetched
        assertThat(container.pauseRequested).isTrue();
        assertThat(container.pauses).isEqualTo(1);

        backpressure.ended(95);
        assertThat(backpressure.paused()).isTrue();
        backpressure.ended(89);
        assertThat(container.pauseRequested).isFalse();
        assertThat(container.resumes).isEqualTo(1);
        backpressure.ended(88);
        assertThat(container.resumes).isEqualTo(1);
    }

    @Test
    void sessionsEndingWhileNotPausedResumeNothing() {
        backpressure.container(container);

        backpressure.opened(10);
        backpressure.ended(9);

        assertThat(container.pauses).isZero();
        assertThat(container.resumes).isZero();
    }

    @Test
    void beforeTheBinderCreatedTheContainerNothingHappens() {
        backpressure.opened(1_000);
        backpressure.ended(0);

        assertThat(backpressure.paused()).isFalse();
    }
}
