package dev.signingsuite.provider.smartid.messaging;

import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.UnavailableStage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The binding {@code hashComputed-in-0} (see application.yml); the stage's work arrives with the pipeline. */
@Configuration(proxyBeanMethods = false)
class InboundBinding {

    @Bean
    Function<Message<HashComputed>, Message<DocumentFailed>> hashComputed(
            EventMessages messages, MeterRegistry meters) {
        return new UnavailableStage<>("provider-smartid", FailureStage.PROVIDER, messages, meters, Clock.systemUTC());
    }
}
