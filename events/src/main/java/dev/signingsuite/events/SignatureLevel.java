package dev.signingsuite.events;

/**
 * The ETSI baseline level (EN 319 122 / 319 132 / 319 142). Mirrors DSS's {@code SignatureLevel}
 * suffixes without depending on DSS, so back-office readers need only Jackson.
 */
public enum SignatureLevel {
    /** BASELINE-B: the signature and the signing certificate. */
    B,
    /** BASELINE-T: plus a signature timestamp. */
    T,
    /** BASELINE-LT: plus certificates and revocation data for long-term validation. */
    LT,
    /** BASELINE-LTA: plus an archive timestamp. */
    LTA
}
