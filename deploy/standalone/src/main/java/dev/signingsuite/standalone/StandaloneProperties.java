package dev.signingsuite.standalone;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the standalone process can be told, under {@code standalone.*}. Port 0 means any free
 * port (tests); the defaults are the well-known ports a developer expects.
 */
@Validated
@ConfigurationProperties("standalone")
public record StandaloneProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue @Valid @NotNull KafkaProperties kafka,
        @DefaultValue @Valid @NotNull SandboxProperties sandbox) {

    public record KafkaProperties(
            @DefaultValue("9092") @Min(0) @Max(65535) int port,
            @DefaultValue("6") @Min(1) @Max(10_000) int partitions) {}

    public record SandboxProperties(
            @DefaultValue("8190") @Min(0) @Max(65535) int port) {}
}
