package dev.signingsuite.hash.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many documents it puts under one signature.
 *
 * @param maxFilesPerContainer the most data files one document may hold: the manifest listing them
 *     travels on Kafka in every later event, so it must stay small
 */
@Validated
@ConfigurationProperties("signing.hash")
public record HashProperties(@DefaultValue("1000") @Min(1) int maxFilesPerContainer) {}
