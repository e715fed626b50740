package dev.signingsuite.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service names what it writes on Kafka.
 *
 * @param topicPrefix the first segment of every topic name; bindings in {@code application.yml}
 *     use the same property so that both always agree
 * @param source the CloudEvents {@code ce_source} of every event this service writes
 * @param batchMaxTime how long a batched stage works on one poll before it commits what is done and
 *     takes the rest again ({@link BatchedStage}): under a backlog an outcome becomes visible at most
 *     this much after its work, and a poll never nears {@code max.poll.interval.ms}
 */
@Validated
@ConfigurationProperties("signing.messaging")
public record MessagingProperties(
        @DefaultValue("signing") @NotBlank @Pattern(regexp = "[a-z0-9._-]+")
        String topicPrefix,

        @NotBlank @Pattern(regexp = "/\\S+", message = "must be a URI reference starting with /")
        String source,

        @DefaultValue("2s") @NotNull Duration batchMaxTime) {}
