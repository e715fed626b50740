package dev.signingsuite.gateway.views;

import dev.signingsuite.messaging.DeadLetters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ViewsConfiguration {

    @Bean
    ViewPoll viewPoll(DeadLetters stageDeadLetters) {
        return new ViewPoll(stageDeadLetters);
    }
}
