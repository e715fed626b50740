package dev.signingsuite.sandbox.pki;

import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.asn1.x509.CRLReason;

/** What the PKI knows about a serial number: the three OCSP answers of RFC 6960. */
public sealed interface RevocationStatus {

    Good GOOD = new Good();
    Unknown UNKNOWN = new Unknown();

    /** Issued by this PKI and not revoked. */
    record Good() implements RevocationStatus {}

    /**
     * Revoked.
     *
     * @param reason an RFC 5280 CRLReason code, e.g. {@link CRLReason#keyCompromise}
     */
    record Revoked(Instant revokedAt, int reason) implements RevocationStatus {
        public Revoked {
            Objects.requireNonNull(revokedAt, "revokedAt");
            if (reason < 0 || reason > 10 || reason == 7) {
                throw new IllegalArgumentException("not a CRLReason code: " + reason);
            }
        }
    }

    /** Not issued by this PKI. */
    record Unknown() implements RevocationStatus {}
}
