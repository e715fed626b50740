package dev.signingsuite.standalone;

import java.io.IOException;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** The broker as a bean: the context starts it and, on close, stops it. */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

    // Started after the sandbox so that on close the broker (which services will use to reach
    // the sandbox) stops first and the trust services last.
    @Bean(destroyMethod = "close")
    @DependsOn("sandbox")
    KafkaBroker kafkaBroker(StandaloneProperties properties) throws IOException {
        return KafkaBroker.start(new KafkaBrokerSettings(
                properties.dataDir(),
                "127.0.0.1",
                properties.kafka().port(),
                properties.kafka().partitions(),
                Duration.ofSeconds(60),
                properties.kafka().tenantPort(),
                properties.kafka().tenants()));
    }
}
