package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The outcome of validating the finished container, so the back-office need not validate again.
 *
 * @param indication ETSI/DSS indication, e.g. {@code TOTAL_PASSED}, {@code INDETERMINATE}
 * @param subIndication ETSI/DSS sub-indication, or null
 * @param signingTime the best signature time found (timestamp time), or null
 * @param signedBy the signer's common name, or null
 * @param level the level the validator found, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ValidationSummary(
        String indication, String subIndication, Instant signingTime, String signedBy, SignatureLevel level) {

    public ValidationSummary {
        Checks.notBlank(indication, "indication");
    }
}
