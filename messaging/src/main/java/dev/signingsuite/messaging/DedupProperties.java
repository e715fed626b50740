package dev.signingsuite.messaging;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How far back a stage's ledger remembers the documents it answered (ADR 11).
 *
 * @param window the ledger look-back: a duplicate that arrives later than this after the outcome is
 *     answered again. The default is the retention of the work topics, beyond which no duplicate
 *     input can still be waiting; memory grows with the documents answered within it (about 200
 *     bytes each: 200 MB per million, spread over the instances of the stage)
 */
@Validated
@ConfigurationProperties("signing.dedup")
public record DedupProperties(@DefaultValue("7d") @NotNull Duration window) {

    public DedupProperties {
        if (window != null && (window.isNegative() || window.isZero())) {
            throw new IllegalArgumentException("signing.dedup.window must be positive but was " + window);
        }
    }
}
