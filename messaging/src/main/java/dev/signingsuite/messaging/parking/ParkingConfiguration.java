package dev.signingsuite.messaging.parking;

import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.BatchedStages;
import dev.signingsuite.messaging.EventMessages;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Imported by a service that parks records ({@link ParkedBinding} beans): the container's error
 * handling for those bindings (ADR 0012).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ParkingProperties.class)
public class ParkingConfiguration {

    @Bean
    ParkingErrorHandling parkingErrorHandling(
            List<ParkedBinding> bindings,
            ParkingProperties properties,
            BindingServiceProperties bindingProperties,
            ListableBeanFactory beans) {
        return new ParkingErrorHandling(bindings, properties, bindingProperties, beans);
    }

    @Bean
    ParkedStages parkedStages(
            BatchedStages batched,
            ParkingProperties properties,
            EventMessages messages,
            Topics topics,
            MeterRegistry meters) {
        return new ParkedStages(batched, properties, messages, topics, meters, Clock.systemUTC());
    }
}
