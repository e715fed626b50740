package dev.signingsuite.events;

/**
 * The container and signature format to produce. New values may be added within v1 (as {@link
 * #CADES_DETACHED} was): a stage that does not know a value cannot read the event and dead-letters
 * it, so deploy every stage before a client asks for a new format.
 */
public enum SignatureFormat {
    /** ASiC-E container with a detached CAdES signature over the ASiC manifest. */
    ASIC_E_CADES,
    /** ASiC-E container with a detached XAdES signature referencing each data file. */
    ASIC_E_XADES,
    /** A PAdES signature inside the PDF itself. */
    PADES,
    /**
     * A detached CAdES signature (CMS) over a digest the client computed: its one data file carries a
     * {@link ContentDigest} instead of a blob, and the artefact is the signature itself, not a
     * container (digest signing, {@code POST /v1/signatures}).
     */
    CADES_DETACHED,
    /**
     * A detached XAdES signature over a digest the client computed, as {@link #CADES_DETACHED}: one
     * {@code ds:Reference} to the data file by its name and the client's digest; the artefact is the
     * XML signature itself. Not above LT: an archive timestamp covers the referenced octets.
     */
    XADES_DETACHED;

    /** Whether the format signs a client's digest (digest signing): no blob, no container. */
    public boolean detached() {
        return this == CADES_DETACHED || this == XADES_DETACHED;
    }
}
