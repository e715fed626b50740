package dev.signingsuite.sandbox.pki;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a stored certificate of the test PKI gets a new one. The sandbox checks at start-up, so the
 * margin is wide: a tenth of the certificate's lifetime (about 110 days for the three-year end
 * entities, a year for the issuing CA) leaves a data directory that restarts now and then far from
 * the day its seal expires. A certificate not yet valid (a data directory from a machine whose
 * clock ran ahead) is renewed too.
 */
final class Renewal {

    private static final int MARGIN_DIVISOR = 10;

    private Renewal() {}

    static boolean due(X509Certificate certificate, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration margin = Duration.between(notBefore, notAfter).dividedBy(MARGIN_DIVISOR);
        return now.isBefore(notBefore) || !now.isBefore(notAfter.minus(margin));
    }

    /** Whether {@code issuer} (perhaps a renewed certificate of the same CA) signed {@code certificate}. */
    static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
