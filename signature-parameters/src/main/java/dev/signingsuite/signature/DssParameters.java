package dev.signingsuite.signature;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.PdfRevision;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.VisibleSeal;
import eu.europa.esig.dss.asic.common.definition.ASiCManifestElement;
import eu.europa.esig.dss.asic.common.definition.ASiCManifestNamespace;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.MimeType;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.enumerations.SignerTextHorizontalAlignment;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DigestDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.PAdESTimestampParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xml.utils.DomUtils;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.w3c.dom.Document;

/**
 * The one translation between the events' {@link SignatureParameters} and DSS's. DSS requires the
 * very same parameters, signing date included, in {@code getDataToSign} (the provider) and {@code
 * signDocument} (augmentation-service, another process, later): both build them here from the
 * event, so they cannot drift apart.
 */
public final class DssParameters {

    static {
        // Gives the asic:XAdESSignatures root its "asic" prefix, as DSS's ASiCWithXAdESService does.
        DomUtils.registerNamespace(ASiCManifestNamespace.NS);
    }

    /**
     * The room reserved in a PDF revision for its CMS, in bytes. Part of the revision's bytes, so
     * hash-service and augmentation-service must agree on it; large enough for a T-level CMS
     * (signature timestamp and both chains) from any of the providers, whose chains are 2–4
     * certificates.
     */
    public static final int PADES_CONTENT_SIZE = 24 * 1024;

    /** The digest of a PDF revision's byte ranges; the providers' signature algorithms hash with it. */
    public static final DigestAlgorithm PADES_DIGEST = DigestAlgorithm.SHA256;

    private DssParameters() {}

    /**
     * Describes a signature about to be requested.
     *
     * @param signingDate truncated to whole seconds: CAdES encodes signing-time as UTCTime
     * @param chain the signing certificate's issuers, nearest first; the signing certificate is not
     *     repeated
     */
    public static SignatureParameters describe(
            SignatureFormat format,
            SignatureLevel level,
            SignatureAlgorithm algorithm,
            Instant signingDate,
            CertificateToken signingCertificate,
            List<CertificateToken> chain) {
        return new SignatureParameters(
                format,
                level,
                algorithm.getDigestAlgorithm().name(),
                algorithm.name(),
                signingDate.truncatedTo(ChronoUnit.SECONDS),
                signingCertificate.getEncoded(),
                chain.stream().map(CertificateToken::getEncoded).toList());
    }

    /**
     * Describes a signature about to be requested; for {@code PADES} the signing date is the one the
     * PDF revision fixed at hash-service, whatever {@code signingDate} says.
     *
     * @param revision the prepared PDF revision for {@code PADES}; null for ASiC-E
     */
    public static SignatureParameters describe(
            SignatureFormat format,
            SignatureLevel level,
            SignatureAlgorithm algorithm,
            Instant signingDate,
            CertificateToken signingCertificate,
            List<CertificateToken> chain,
            PdfRevision revision) {
        if (format != SignatureFormat.PADES) {
            return describe(format, level, algorithm, signingDate, signingCertificate, chain);
        }
        if (revision == null) {
            throw new IllegalArgumentException("a PADES signature needs the prepared PDF revision; the event has none");
        }
        if (algorithm.getDigestAlgorithm() != DigestAlgorithm.valueOf(revision.digestAlgorithm())) {
            // The CMS has one digest algorithm for the message digest and the signed attributes.
            throw new IllegalArgumentException("the signer's algorithm " + algorithm + " does not hash with "
                    + revision.digestAlgorithm() + ", the digest of the PDF revision");
        }
        return new SignatureParameters(
                format,
                level,
                algorithm.getDigestAlgorithm().name(),
                algorithm.name(),
                revision.signingDate(),
                signingCertificate.getEncoded(),
                chain.stream().map(CertificateToken::getEncoded).toList(),
                revision);
    }

    /**
     * What fixes a PDF revision before the signer is known: signing time, digest and reserved size.
     * hash-service computes the revision's message digest with these, augmentation-service prepares
     * the revision again with them (plus the signer) to embed the CMS.
     */
    public static PAdESSignatureParameters padesRevision(Instant signingDate) {
        return padesRevision(signingDate, null);
    }

    /**
     * As {@link #padesRevision(Instant)}, with {@code seal} drawn into the revision: its appearance
     * lies inside the signed byte ranges, so both ends must draw it from the same description.
     *
     * @param seal null for an invisible signature
     */
    public static PAdESSignatureParameters padesRevision(Instant signingDate, VisibleSeal seal) {
        PAdESSignatureParameters pades = new PAdESSignatureParameters();
        if (seal != null) {
            pades.setImageParameters(imageParameters(seal));
        }
        pades.setSignatureLevel(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B);
        pades.setDigestAlgorithm(PADES_DIGEST);
        pades.setContentSize(PADES_CONTENT_SIZE);
        pades.setSigningTimeZone(TimeZone.getTimeZone("UTC"));
        pades.bLevel().setSigningDate(Date.from(signingDate));
        return pades;
    }

    // DSS's own font (PT Serif, embedded): the appearance must not depend on the fonts installed
    // where hash-service or augmentation-service runs.
    private static SignatureImageParameters imageParameters(VisibleSeal seal) {
        SignatureFieldParameters field = new SignatureFieldParameters();
        field.setPage(seal.page());
        field.setOriginX(seal.x());
        field.setOriginY(seal.y());
        field.setWidth(seal.width());
        field.setHeight(seal.height());
        SignatureImageTextParameters text = new SignatureImageTextParameters();
        text.setText(seal.text());
        text.setSignerTextHorizontalAlignment(SignerTextHorizontalAlignment.LEFT);
        SignatureImageParameters image = new SignatureImageParameters();
        image.setFieldParameters(field);
        image.setTextParameters(text);
        return image;
    }

    /**
     * PAdES at {@code level} with the signer, over the revision the parameters carry: the parameters
     * of the CMS (the provider's data to sign, augmentation's CMS), of embedding it and of extending
     * the signed PDF.
     */
    public static PAdESSignatureParameters pades(SignatureParameters parameters, SignatureLevel level) {
        requireFormat(parameters, SignatureFormat.PADES);
        PAdESSignatureParameters pades = baselineB(padesRevision(parameters.signingDate()), parameters);
        pades.setSignatureLevel(dssLevel(parameters.format(), level));
        pades.setContentSize(PADES_CONTENT_SIZE);
        // The document timestamp of LTA is another revision; its room must hold a TSA token.
        pades.setArchiveTimestampParameters(new PAdESTimestampParameters(PADES_DIGEST));
        return pades;
    }

    /**
     * Detached CAdES at level B over the manifest: the parameters of both {@code getDataToSign} and
     * {@code signDocument}.
     */
    public static CAdESSignatureParameters cadesBaselineB(SignatureParameters parameters) {
        if (parameters.format() != SignatureFormat.CADES_DETACHED) {
            requireFormat(parameters, SignatureFormat.ASIC_E_CADES);
        }
        return baselineB(new CAdESSignatureParameters(), parameters);
    }

    /** The parameters that extend a level-B CAdES signature to {@code level}. */
    public static CAdESSignatureParameters cadesExtension(
            SignatureParameters parameters, Manifest manifest, SignatureLevel level) {
        CAdESSignatureParameters cades = cadesBaselineB(parameters);
        cades.setSignatureLevel(dssLevel(parameters.format(), level));
        cades.setDetachedContents(List.of(DssSignatures.signedManifest(manifest)));
        return cades;
    }

    /**
     * Detached XAdES at level B referencing every data file by name and digest, inside the {@code
     * asic:XAdESSignatures} root that EN 319 162-1 requires: what DSS's {@code ASiCWithXAdESService}
     * builds for ASiC-E, from digests alone.
     */
    public static XAdESSignatureParameters xadesBaselineB(SignatureParameters parameters) {
        requireFormat(parameters, SignatureFormat.ASIC_E_XADES);
        XAdESSignatureParameters xades = baselineB(new XAdESSignatureParameters(), parameters);
        // The references carry the files' digests from the blob store, which are SHA-256 whatever
        // digest the signature algorithm uses.
        xades.setReferenceDigestAlgorithm(DigestAlgorithm.SHA256);
        // A new root per call: DSS writes the signature into it.
        Document root = DomUtils.buildDOM();
        root.appendChild(
                DomUtils.createElementNS(root, ASiCManifestNamespace.NS, ASiCManifestElement.XADES_SIGNATURES));
        xades.setRootDocument(root);
        return xades;
    }

    /** The parameters that extend a level-B XAdES signature over {@code files} to {@code level}. */
    public static XAdESSignatureParameters xadesExtension(
            SignatureParameters parameters, List<DataFile> files, SignatureLevel level) {
        XAdESSignatureParameters xades = xadesBaselineB(parameters);
        xades.setSignatureLevel(dssLevel(parameters.format(), level));
        xades.setDetachedContents(dataFiles(files));
        return xades;
    }

    /**
     * As {@link #xadesExtension(SignatureParameters, List, SignatureLevel)} with the data files'
     * bytes: a XAdES archive timestamp (LTA) covers the referenced octets (EN 319 132-1, 5.5.2), which
     * a digest cannot give.
     */
    public static XAdESSignatureParameters xadesExtensionWithContents(
            SignatureParameters parameters, List<DSSDocument> dataFiles, SignatureLevel level) {
        XAdESSignatureParameters xades = xadesBaselineB(parameters);
        xades.setSignatureLevel(dssLevel(parameters.format(), level));
        xades.setDetachedContents(List.copyOf(dataFiles));
        return xades;
    }

    static <P extends AbstractSignatureParameters<?>> P baselineB(P target, SignatureParameters parameters) {
        SignatureAlgorithm algorithm = signatureAlgorithm(parameters);
        target.setSignatureLevel(dssLevel(parameters.format(), SignatureLevel.B));
        target.setSignaturePackaging(SignaturePackaging.DETACHED);
        target.setDigestAlgorithm(DigestAlgorithm.valueOf(parameters.digestAlgorithm()));
        target.setSigningCertificate(certificate(parameters.signingCertificate()));
        target.setCertificateChain(parameters.certificateChain().stream()
                .map(DssParameters::certificate)
                .toList());
        // After the certificate: DSS derives the encryption algorithm from its key (RSA), which
        // would turn RSASSA-PSS (Smart-ID) back into PKCS#1 v1.5.
        target.setEncryptionAlgorithm(algorithm.getEncryptionAlgorithm());
        target.bLevel().setSigningDate(Date.from(parameters.signingDate()));
        return target;
    }

    public static eu.europa.esig.dss.enumerations.SignatureLevel dssLevel(
            SignatureFormat format, SignatureLevel level) {
        String prefix = switch (format) {
            case ASIC_E_CADES, CADES_DETACHED -> "CAdES";
            case ASIC_E_XADES, XADES_DETACHED -> "XAdES";
            case PADES -> "PAdES";
        };
        return eu.europa.esig.dss.enumerations.SignatureLevel.valueOf(prefix + "_BASELINE_" + level.name());
    }

    /**
     * Why a format cannot be produced at a level, or empty when it can. XAdES at LTA was refused here
     * until augmentation-service read the data files for its archive timestamp (ADR 22); a detached
     * XAdES over a client's digest has no data file to read, so it stops at LT. The stages keep
     * asking, so that a gap is refused early.
     */
    public static Optional<String> unsupported(SignatureFormat format, SignatureLevel level) {
        if (format == SignatureFormat.XADES_DETACHED && level == SignatureLevel.LTA) {
            // ADR 22: the archive timestamp covers the referenced octets, which the suite never has.
            return Optional.of("a detached XAdES over a digest cannot be raised to LTA: its archive timestamp"
                    + " covers the content itself; ask for LT, or for cades-detached at LTA");
        }
        return Optional.empty();
    }

    /** The data files as DSS documents that carry only their name, media type and SHA-256. */
    public static List<DSSDocument> dataFiles(List<DataFile> files) {
        return files.stream().map(DssParameters::digestDocument).toList();
    }

    static DSSDocument digestDocument(DataFile file) {
        if (file.digestOnly()) {
            return new DigestDocument(
                    digestAlgorithm(file.digest().algorithm()),
                    Base64.getEncoder().encodeToString(file.digest().value()),
                    file.name());
        }
        String base64 = Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(file.blob().sha256()));
        return new DigestDocument(
                DigestAlgorithm.SHA256,
                base64,
                file.name(),
                MimeType.fromMimeTypeString(file.blob().mediaType()));
    }

    /** The signed content of an ASiC-E with CAdES signature. */
    public static DSSDocument manifest(Manifest manifest) {
        return new InMemoryDocument(manifest.content(), manifest.entryName(), MimeTypeEnum.XML);
    }

    static DigestAlgorithm digestAlgorithm(String name) {
        try {
            return DigestAlgorithm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("digest algorithm " + name + " is not a DSS DigestAlgorithm", e);
        }
    }

    public static SignatureAlgorithm signatureAlgorithm(SignatureParameters parameters) {
        try {
            return SignatureAlgorithm.valueOf(parameters.signatureAlgorithm());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "signatureAlgorithm " + parameters.signatureAlgorithm() + " is not a DSS SignatureAlgorithm", e);
        }
    }

    public static CertificateToken certificate(byte[] der) {
        return DSSUtils.loadCertificate(der);
    }

    /** PAdES and a detached CAdES over a digest have no ASiC-E layout. */
    static IllegalArgumentException unsupported(SignatureFormat format) {
        String what = format == SignatureFormat.PADES ? "a signed PDF" : "a detached signature";
        return new IllegalArgumentException("format " + format + " is " + what + ", not an ASiC-E container");
    }

    static void requireFormat(SignatureParameters parameters, SignatureFormat format) {
        if (parameters.format() != format) {
            throw new IllegalArgumentException(
                    "parameters of format " + parameters.format() + " do not describe " + format);
        }
    }
}
