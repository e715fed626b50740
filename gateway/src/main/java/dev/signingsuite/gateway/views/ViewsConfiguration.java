package dev.signingsuite.gateway.views;

import dev.signingsuite.messaging.BatchedStages;
import dev.signingsuite.messaging.DeadLetters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ViewsConfiguration {

    /** The ten view bindings share signing-messaging.yml's retry; the status store's first one stands for all. */
    @Bean
    ViewPoll viewPoll(DeadLetters stageDeadLetters, BatchedStages batched) {
        return new ViewPoll(stageDeadLetters, batched.redelivery("documentReceived-in-0"));
    }
}
