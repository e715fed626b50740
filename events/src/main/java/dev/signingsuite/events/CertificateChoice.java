package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The signer's certificate is chosen by a person before the signature (Smart-ID's device-link
 * certificate choice, then a linked signature): what the provider fixed before the certificate was
 * known, so that the signature it asks for next uses the same context.
 *
 * @param format the container and signature format the signature will have
 * @param level the target level
 * @param signingDate the signing date the signature parameters will carry
 * @param choiceSessionId the provider's certificate-choice session, which the signature links to
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CertificateChoice(
        SignatureFormat format, SignatureLevel level, Instant signingDate, String choiceSessionId) {

    public CertificateChoice {
        Checks.notNull(format, "format");
        Checks.notNull(level, "level");
        Checks.notNull(signingDate, "signingDate");
        Checks.notBlank(choiceSessionId, "choiceSessionId");
    }
}
