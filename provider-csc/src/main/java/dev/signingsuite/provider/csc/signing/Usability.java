package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.provider.csc.client.CscCredential;
import dev.signingsuite.provider.csc.client.CscProperties;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Whether a described credential can sign for a configured signer now, and with which factors. */
final class Usability {

    private Usability() {}

    /** Why the credential cannot sign now, or null if it can. */
    static String unusable(CscCredential credential, CscProperties.Signer signer, Clock clock, boolean approvals) {
        if (!credential.keyEnabled()) {
            return "key is disabled";
        }
        if (credential.certificateStatus() != null && !"valid".equals(credential.certificateStatus())) {
            return "certificate is " + credential.certificateStatus();
        }
        if (!credential.signingCertificate().isValidOn(Date.from(clock.instant()))) {
            return "certificate is outside its validity period";
        }
        if (credential.sha256Signing(signer.preferPss()).isEmpty()) {
            return "key offers no signature over SHA-256 that provider-csc makes (key.algo "
                    + credential.keyAlgorithms() + ")";
        }
        if (credential.authMode() == CscCredential.AuthMode.OAUTH2CODE && !approvals) {
            return "authorisation is an OAuth 2.0 code with scope=credential that a person gives;"
                    + " provider-csc takes none (signing.csc.approval-redirect-uri is not set)";
        }
        Optional<String> missing = credential.factorIds().stream()
                .filter(id -> signer.factor(id).isEmpty())
                .findFirst();
        if (credential.authMode() == CscCredential.AuthMode.EXPLICIT && missing.isPresent()) {
            return "authorisation needs the factor " + missing.get() + ", which is not configured for this signer";
        }
        return null;
    }

    static FailureReason reasonFor(String unusable) {
        if (unusable.startsWith("certificate")) {
            return FailureReason.CERTIFICATE_INVALID;
        }
        return unusable.startsWith("authorisation")
                ? FailureReason.AUTHORISATION_REQUIRED
                : FailureReason.SIGNER_UNAVAILABLE;
    }

    /** The factors an explicit credential's authorisation sends: the signer's configured values. */
    static List<dev.signingsuite.provider.csc.client.CscClient.Factor> factors(
            CscCredential credential, CscProperties.Signer signer) {
        if (credential.authMode() != CscCredential.AuthMode.EXPLICIT) {
            return List.of();
        }
        return credential.factorIds().stream()
                .map(id -> new dev.signingsuite.provider.csc.client.CscClient.Factor(
                        id, signer.factor(id).orElseThrow()))
                .toList();
    }
}
