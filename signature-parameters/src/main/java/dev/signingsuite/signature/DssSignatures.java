package dev.signingsuite.signature;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.PdfRevision;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.VisibleSeal;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSMessageDigest;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.ExternalCMSService;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pades.signature.PAdESWithExternalCMSService;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.xades.signature.XAdESService;
import java.time.Instant;
import java.util.List;

/**
 * DSS's signing steps for every format, each with the parameters of {@link DssParameters}: the
 * provider's {@code getDataToSign} and augmentation-service's {@code signDocument} and {@code
 * extendDocument} choose the service and the signed content here, so the stages stay unaware of the
 * format. What a signature covers: with CAdES the manifest, with XAdES the data files by digest,
 * with XAdES the data files by digest (detached: the client's digest), with PAdES the message
 * digest of the prepared PDF revision (DSS's external-CMS flow: the provider
 * signs CMS attributes over the digest, never the PDF). Thread-safe, like the DSS services it holds.
 */
public final class DssSignatures {

    private final CAdESService cades;
    private final XAdESService xades;
    private final ExternalCMSService cms;
    private final PAdESWithExternalCMSService pdfRevisions;
    private final PAdESService pades;

    /** For building the data to be signed, which needs no trust services. */
    public DssSignatures(CertificateVerifier verifier) {
        this(verifier, null);
    }

    /** @param tsp the timestamp source for levels above B; null when only level B is built */
    public DssSignatures(CertificateVerifier verifier, TSPSource tsp) {
        XmlParsersOnce.install();
        cades = new CAdESService(verifier);
        xades = new XAdESService(verifier);
        cms = new ExternalCMSService(verifier);
        pdfRevisions = new PAdESWithExternalCMSService();
        pdfRevisions.setCertificateVerifier(verifier);
        pades = new PAdESService(verifier);
        if (tsp != null) {
            cades.setTspSource(tsp);
            xades.setTspSource(tsp);
            cms.setTspSource(tsp);
            pdfRevisions.setTspSource(tsp);
            pades.setTspSource(tsp);
        }
    }

    public ToBeSigned dataToSign(SignatureParameters parameters, List<DataFile> files, Manifest manifest) {
        return switch (parameters.format()) {
            case ASIC_E_CADES ->
                cades.getDataToSign(signedManifest(manifest), DssParameters.cadesBaselineB(parameters));
            case ASIC_E_XADES ->
                xades.getDataToSign(DssParameters.dataFiles(files), DssParameters.xadesBaselineB(parameters));
            case PADES ->
                cms.getDataToSign(
                        messageDigest(parameters.pdfRevision()), DssParameters.pades(parameters, SignatureLevel.B));
            case CADES_DETACHED ->
                cades.getDataToSign(signedDigest(parameters, files), DssParameters.cadesBaselineB(parameters));
            case XADES_DETACHED ->
                xades.getDataToSign(
                        DetachedParameters.detachedDigest(files),
                        DetachedParameters.xadesDetachedBaselineB(parameters, files));
        };
    }

    /**
     * The PDF revision a PAdES signature will complete, prepared from the document with the signing
     * date fixed; only its message digest leaves the stage that holds the PDF.
     *
     * @param signingDate whole seconds: a PDF date has no fraction
     */
    public PdfRevision pdfRevision(DSSDocument pdf, Instant signingDate) {
        return pdfRevision(pdf, signingDate, null);
    }

    /** As {@link #pdfRevision(DSSDocument, Instant)}, with {@code seal} drawn (null: invisible). */
    public PdfRevision pdfRevision(DSSDocument pdf, Instant signingDate, VisibleSeal seal) {
        DSSMessageDigest digest = pdfRevisions.getMessageDigest(pdf, DssParameters.padesRevision(signingDate, seal));
        return new PdfRevision(signingDate, digest.getAlgorithm().name(), digest.getValue(), seal);
    }

    /**
     * The CMS of a PAdES signature at {@code level} (B, or T with its signature timestamp) from the
     * value the remote signer returned over {@link #dataToSign}.
     */
    public DSSDocument pdfCms(SignatureParameters parameters, SignatureValue value, SignatureLevel level) {
        return cms.signMessageDigest(
                messageDigest(parameters.pdfRevision()), DssParameters.pades(parameters, level), value);
    }

    /**
     * {@code pdf} with {@code cmsSignature} embedded in the revision the parameters describe.
     *
     * @throws IllegalArgumentException when {@code pdf}'s revision is not the one whose message
     *     digest was signed (another PDF, or other parameters): DSS would embed the CMS regardless
     */
    public DSSDocument embedCms(
            DSSDocument pdf, SignatureParameters parameters, DSSDocument cmsSignature, SignatureLevel level) {
        // The revision's own parameters, not the signer's: with the signing certificate set, DSS
        // writes another revision than hash-service prepared.
        PAdESSignatureParameters revision = DssParameters.padesRevision(
                parameters.signingDate(), parameters.pdfRevision().visibleSeal());
        DSSMessageDigest signed = messageDigest(parameters.pdfRevision());
        if (!signed.equals(pdfRevisions.getMessageDigest(pdf, revision))) {
            throw new IllegalArgumentException("the PDF's revision has another message digest than the one signed");
        }
        revision.setSignatureLevel(DssParameters.dssLevel(parameters.format(), level));
        return pdfRevisions.signDocument(pdf, revision, cmsSignature);
    }

    /** The signature at level B with the value the remote signer returned. */
    public DSSDocument sign(
            SignatureParameters parameters, List<DataFile> files, Manifest manifest, SignatureValue value) {
        return switch (parameters.format()) {
            case ASIC_E_CADES ->
                cades.signDocument(signedManifest(manifest), DssParameters.cadesBaselineB(parameters), value);
            case ASIC_E_XADES ->
                xades.signDocument(DssParameters.dataFiles(files), DssParameters.xadesBaselineB(parameters), value);
            case PADES -> pdfCms(parameters, value, SignatureLevel.B);
            case CADES_DETACHED ->
                cades.signDocument(signedDigest(parameters, files), DssParameters.cadesBaselineB(parameters), value);
            case XADES_DETACHED ->
                xades.signDocument(
                        DetachedParameters.detachedDigest(files),
                        DetachedParameters.xadesDetachedBaselineB(parameters, files),
                        value);
        };
    }

    /** {@code signature} raised to {@code level}; with PAdES {@code signature} is the signed PDF. */
    public DSSDocument extend(
            DSSDocument signature,
            SignatureParameters parameters,
            List<DataFile> files,
            Manifest manifest,
            SignatureLevel level) {
        return switch (parameters.format()) {
            case ASIC_E_CADES ->
                cades.extendDocument(signature, DssParameters.cadesExtension(parameters, manifest, level));
            case ASIC_E_XADES ->
                xades.extendDocument(signature, DssParameters.xadesExtension(parameters, files, level));
            case PADES -> pades.extendDocument(signature, DssParameters.pades(parameters, level));
            case CADES_DETACHED ->
                cades.extendDocument(signature, DetachedParameters.cadesDetachedExtension(parameters, files, level));
            case XADES_DETACHED ->
                xades.extendDocument(signature, DetachedParameters.xadesDetachedExtension(parameters, files, level));
        };
    }

    /**
     * A XAdES signature raised to {@code level} over the data files' bytes, named as in the container:
     * at LTA its archive timestamp covers them (ADR 22), so only a stage that reads them can add it.
     */
    public DSSDocument extendXades(
            DSSDocument signature, SignatureParameters parameters, List<DSSDocument> dataFiles, SignatureLevel level) {
        if (parameters.format() != SignatureFormat.ASIC_E_XADES) {
            throw new IllegalArgumentException("parameters of format " + parameters.format() + " are not XAdES");
        }
        return xades.extendDocument(signature, DssParameters.xadesExtensionWithContents(parameters, dataFiles, level));
    }

    /** Whether {@code value} verifies over {@code dataToSign}; the same check for every format. */
    public boolean isValidSignatureValue(ToBeSigned dataToSign, SignatureValue value, CertificateToken certificate) {
        return cades.isValidSignatureValue(dataToSign, value, certificate);
    }

    private static DSSMessageDigest messageDigest(PdfRevision revision) {
        if (revision == null) {
            throw new IllegalArgumentException(
                    "a " + SignatureFormat.PADES + " signature needs the PDF revision; the" + " parameters have none");
        }
        return new DSSMessageDigest(DigestAlgorithm.valueOf(revision.digestAlgorithm()), revision.messageDigest());
    }

    /**
     * The client's digest as DSS's {@code DigestDocument}. The CMS message-digest attribute is of the
     * signature's digest algorithm, so a digest of another algorithm cannot be signed.
     */
    private static DSSDocument signedDigest(SignatureParameters parameters, List<DataFile> files) {
        DSSDocument digest = DetachedParameters.detachedDigest(files);
        String algorithm = files.get(0).digest().algorithm();
        if (!algorithm.equals(parameters.digestAlgorithm())) {
            throw new IllegalArgumentException("the signer hashes with " + parameters.digestAlgorithm()
                    + "; a digest of " + algorithm + " cannot be signed by it");
        }
        return digest;
    }

    static DSSDocument signedManifest(Manifest manifest) {
        if (manifest == null) {
            throw new IllegalArgumentException("an ASiC-E CAdES signature needs the manifest; the event has none");
        }
        return DssParameters.manifest(manifest);
    }
}
