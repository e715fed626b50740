package dev.signingsuite.messaging;

import dev.signingsuite.events.Topics;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Imported by every service: the shared serde as Spring Cloud Stream's converter, topic names, headers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingConfiguration {

    @Bean
    Topics topics(MessagingProperties properties) {
        return Topics.withPrefix(properties.topicPrefix());
    }

    /** Spring Cloud Stream puts user-defined converters ahead of its own JSON converter. */
    @Bean
    EventMessageConverter eventMessageConverter() {
        return new EventMessageConverter();
    }

    @Bean
    EventMessages eventMessages(MessagingProperties properties) {
        return new EventMessages(properties.source(), Clock.systemUTC());
    }
}
