package dev.signingsuite.signature;

import dev.signingsuite.events.SignatureFormat;

/**
 * The ASiC-E layouts every stage agrees on (ETSI EN 319 162-1): hash-service writes the manifest,
 * the provider and augmentation-service sign, container-service writes the entries under these
 * names.
 */
public final class AsicLayout {

    /** The first entry, stored uncompressed. */
    public static final String MIMETYPE_ENTRY = "mimetype";

    public static final String MIMETYPE = "application/vnd.etsi.asic-e+zip";

    /** ASiC-E with CAdES: the manifest the signature covers. */
    public static final String MANIFEST_ENTRY = "META-INF/ASiCManifest.xml";

    public static final String MANIFEST_MEDIA_TYPE = "text/xml";

    /** The detached CAdES signature over {@link #MANIFEST_ENTRY}. */
    public static final String SIGNATURE_ENTRY = "META-INF/signature001.p7s";

    /**
     * ASiC-E with XAdES: the ODF manifest listing each data file and its media type. Not signed:
     * the XAdES signature references the data files themselves.
     */
    public static final String ODF_MANIFEST_ENTRY = "META-INF/manifest.xml";

    /**
     * The XAdES signature inside {@code asic:XAdESSignatures}. The name DigiDoc4j and DigiDoc4 write;
     * EN 319 162-1 only asks for "signatures" in the name.
     */
    public static final String XADES_SIGNATURE_ENTRY = "META-INF/signatures0.xml";

    private AsicLayout() {}

    /** Where the format's manifest lies in the container. */
    public static String manifestEntry(SignatureFormat format) {
        return switch (format) {
            case ASIC_E_CADES -> MANIFEST_ENTRY;
            case ASIC_E_XADES -> ODF_MANIFEST_ENTRY;
            case PADES, CADES_DETACHED, XADES_DETACHED -> throw DssParameters.unsupported(format);
        };
    }

    /** Where the format's signature lies in the container. */
    public static String signatureEntry(SignatureFormat format) {
        return switch (format) {
            case ASIC_E_CADES -> SIGNATURE_ENTRY;
            case ASIC_E_XADES -> XADES_SIGNATURE_ENTRY;
            case PADES, CADES_DETACHED, XADES_DETACHED -> throw DssParameters.unsupported(format);
        };
    }
}
