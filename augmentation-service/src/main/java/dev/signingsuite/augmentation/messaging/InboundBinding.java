package dev.signingsuite.augmentation.messaging;

import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.UnavailableStage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The binding {@code signatureReturned-in-0} (see application.yml); the stage's work arrives with the pipeline. */
@Configuration(proxyBeanMethods = false)
class InboundBinding {

    @Bean
    Function<Message<SignatureReturned>, Message<DocumentFailed>> signatureReturned(
            EventMessages messages, MeterRegistry meters) {
        return new UnavailableStage<>(
                "augmentation-service", FailureStage.AUGMENTATION, messages, meters, Clock.systemUTC());
    }
}
