package dev.signingsuite.signature;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESTimestampParameters;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import java.util.List;

/**
 * {@link DssParameters} for the detached signatures over a client's digest ({@link
 * SignatureFormat#detached()}, digest signing over REST): one digest, no container, built from the
 * same baseline so the provider and augmentation-service cannot drift apart here either.
 */
public final class DetachedParameters {

    private DetachedParameters() {}

    /**
     * The parameters that extend a level-B detached CAdES signature over a client's digest to {@code
     * level}: the detached content is that digest, as DSS's {@code DigestDocument}, which is all the
     * signature timestamp (T), revocation data (LT) and archive timestamp (LTA) need.
     */
    public static CAdESSignatureParameters cadesDetachedExtension(
            SignatureParameters parameters, List<DataFile> files, SignatureLevel level) {
        DssParameters.requireFormat(parameters, SignatureFormat.CADES_DETACHED);
        CAdESSignatureParameters cades = DssParameters.cadesBaselineB(parameters);
        cades.setSignatureLevel(DssParameters.dssLevel(parameters.format(), level));
        cades.setDetachedContents(List.of(detachedDigest(files)));
        // The archive timestamp (LTA) digests the detached content, which here is a digest of one
        // algorithm only: DSS's default (SHA-512) would find nothing to timestamp.
        cades.setArchiveTimestampParameters(new CAdESTimestampParameters(
                DssParameters.digestAlgorithm(files.get(0).digest().algorithm())));
        return cades;
    }

    /**
     * The one digest a detached signature ({@link SignatureFormat#detached()}) covers.
     *
     * @throws IllegalArgumentException unless {@code files} is one file known by its digest only
     */
    public static DSSDocument detachedDigest(List<DataFile> files) {
        return DssParameters.digestDocument(detachedFile(files));
    }

    private static DataFile detachedFile(List<DataFile> files) {
        if (files.size() != 1 || !files.get(0).digestOnly()) {
            throw new IllegalArgumentException("a detached signature covers one digest; the document has "
                    + files.size() + " file(s)"
                    + (files.isEmpty() || files.get(0).digestOnly() ? "" : " with content"));
        }
        return files.get(0);
    }

    /**
     * Detached XAdES at level B over a client's digest: a plain {@code ds:Signature} whose one
     * reference names the data file and carries the client's digest, so the reference's digest
     * algorithm is the digest's, whatever the signature algorithm hashes with.
     */
    public static XAdESSignatureParameters xadesDetachedBaselineB(
            SignatureParameters parameters, List<DataFile> files) {
        DssParameters.requireFormat(parameters, SignatureFormat.XADES_DETACHED);
        XAdESSignatureParameters xades = DssParameters.baselineB(new XAdESSignatureParameters(), parameters);
        xades.setReferenceDigestAlgorithm(
                DssParameters.digestAlgorithm(detachedFile(files).digest().algorithm()));
        return xades;
    }

    /** The parameters that extend a level-B detached XAdES over a client's digest to {@code level}. */
    public static XAdESSignatureParameters xadesDetachedExtension(
            SignatureParameters parameters, List<DataFile> files, SignatureLevel level) {
        XAdESSignatureParameters xades = xadesDetachedBaselineB(parameters, files);
        xades.setSignatureLevel(DssParameters.dssLevel(parameters.format(), level));
        xades.setDetachedContents(List.of(detachedDigest(files)));
        return xades;
    }
}
