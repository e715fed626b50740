package dev.signingsuite.container.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What container-service trusts, and how large a container may grow (the blob store is
 * {@code signing.blob-store}).
 *
 * @param trustAnchors a PEM file with the root certificates a container's signature must chain to
 * @param maxContainerSize the largest container assembled; a larger one fails with DOCUMENT_TOO_LARGE
 * @param workDir where containers are written before they are validated and stored; the system's
 *     temporary directory when absent
 */
@Validated
@ConfigurationProperties("signing.container")
public record ContainerProperties(
        @NotNull Path trustAnchors,
        @DefaultValue("2GB") @NotNull DataSize maxContainerSize,
        Path workDir) {}
