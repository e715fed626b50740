package dev.signingsuite.hash.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many documents it puts under one signature, and which signers' PAdES seals are visible.
 *
 * @param maxFilesPerContainer the most data files one document may hold: the manifest listing them
 *     travels on Kafka in every later event, so it must stay small
 * @param visibleSeals by signer identity (Smart-ID document number, eParaksts label, CSC
 *     credential ID; in brackets when it holds dots or colons): the box a PDF reader shows on the
 *     signer's PAdES seals; a signer not named here seals invisibly
 */
@Validated
@ConfigurationProperties("signing.hash")
public record HashProperties(
        @DefaultValue("1000") @Min(1) int maxFilesPerContainer,
        Map<String, @Valid VisibleSealProperties> visibleSeals) {

    public HashProperties {
        visibleSeals = visibleSeals == null ? Map.of() : Map.copyOf(visibleSeals);
    }

    /**
     * @param organisation the name shown ("Sealed by ..."), as on the seal's certificate
     * @param page the page, from 1
     * @param x from the page's left edge, PDF points (1/72 inch)
     * @param y from the page's top edge, PDF points
     * @param width the box's width, PDF points
     * @param height the box's height, PDF points
     */
    public record VisibleSealProperties(
            @NotBlank String organisation,
            @DefaultValue("1") @Min(1) int page,
            @DefaultValue("36") @PositiveOrZero float x,
            @DefaultValue("36") @PositiveOrZero float y,
            @DefaultValue("220") @Positive float width,
            @DefaultValue("48") @Positive float height) {}
}
