package dev.signingsuite.events;

/** The container and signature format to produce. */
public enum SignatureFormat {
    /** ASiC-E container with a detached CAdES signature over the ASiC manifest. */
    ASIC_E_CADES,
    /** ASiC-E container with a detached XAdES signature referencing each data file. */
    ASIC_E_XADES,
    /** A PAdES signature inside the PDF itself. */
    PADES
}
