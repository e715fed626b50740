package dev.signingsuite.hash.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where hash-service reads documents, and how many it puts under one signature.
 *
 * @param blobRoot the filesystem blob store's root; the same directory the gateway writes to
 * @param maxFilesPerContainer the most data files one document may hold: the manifest listing them
 *     travels on Kafka in every later event, so it must stay small
 */
@Validated
@ConfigurationProperties("signing.hash")
public record HashProperties(
        @NotNull Path blobRoot,
        @DefaultValue("1000") @Min(1) int maxFilesPerContainer) {}
