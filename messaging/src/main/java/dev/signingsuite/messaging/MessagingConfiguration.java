package dev.signingsuite.messaging;

import dev.signingsuite.events.Topics;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.function.core.FunctionInvocationHelper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

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

    /**
     * Switches Spring Cloud Function's own CloudEvents support off: {@link EventMessages} writes our
     * ce_ headers and {@link InboundEnvelope} checks them. Left on, it marks every output with a
     * {@code message-type} header and, on input carrying that marker, renames ce_ headers to ce-,
     * so the next stage saw no headers at all. Its auto-configuration backs off for this bean.
     */
    @Bean
    FunctionInvocationHelper<Message<?>> plainFunctionInvocationHelper() {
        return new FunctionInvocationHelper<>() {};
    }
}
