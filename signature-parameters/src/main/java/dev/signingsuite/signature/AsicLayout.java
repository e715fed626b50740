package dev.signingsuite.signature;

/**
 * The ASiC-E with CAdES layout every stage agrees on (ETSI EN 319 162-1): hash-service writes the
 * manifest naming the signature entry, the provider and augmentation-service sign the manifest,
 * container-service writes the entries under these names.
 */
public final class AsicLayout {

    /** The first entry, stored uncompressed. */
    public static final String MIMETYPE_ENTRY = "mimetype";

    public static final String MIMETYPE = "application/vnd.etsi.asic-e+zip";

    public static final String MANIFEST_ENTRY = "META-INF/ASiCManifest.xml";

    public static final String MANIFEST_MEDIA_TYPE = "text/xml";

    /** The detached CAdES signature over {@link #MANIFEST_ENTRY}. */
    public static final String SIGNATURE_ENTRY = "META-INF/signature001.p7s";

    private AsicLayout() {}
}
