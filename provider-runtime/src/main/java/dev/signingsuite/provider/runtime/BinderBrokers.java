package dev.signingsuite.provider.runtime;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The brokers the Kafka binder uses (signing-messaging.yml): the ledger of signing intents is on the
 * same cluster as the work, so that one is never ahead of the other.
 */
@Validated
@ConfigurationProperties("spring.cloud.stream.kafka.binder")
record BinderBrokers(@NotEmpty List<String> brokers) {

    String bootstrapServers() {
        return String.join(",", brokers);
    }
}
