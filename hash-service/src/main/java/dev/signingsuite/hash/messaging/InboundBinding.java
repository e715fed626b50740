package dev.signingsuite.hash.messaging;

import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.Topics;
import dev.signingsuite.hash.digest.DocumentHasher;
import dev.signingsuite.messaging.EventMessages;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The binding {@code documentReceived-in-0} (see hash-service.yml): document-received in,
 * hash-computed per provider or document-failed out.
 */
@Configuration(proxyBeanMethods = false)
class InboundBinding {

    @Bean
    Function<Message<DocumentReceived>, Message<DocumentEvent>> documentReceived(
            DocumentHasher hasher, EventMessages messages, Topics topics, MeterRegistry meters) {
        return new HashStage(hasher, messages, topics, meters);
    }
}
