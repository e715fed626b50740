package dev.signingsuite.signature;

import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * The one translation between the events' {@link SignatureParameters} and DSS's. DSS requires the
 * very same parameters, signing date included, in {@code getDataToSign} (the provider) and {@code
 * signDocument} (augmentation-service, another process, later): both build them here from the
 * event, so they cannot drift apart.
 */
public final class DssParameters {

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
     * Detached CAdES at level B over the manifest: the parameters of both {@code getDataToSign} and
     * {@code signDocument}.
     */
    public static CAdESSignatureParameters cadesBaselineB(SignatureParameters parameters) {
        requireCades(parameters);
        SignatureAlgorithm algorithm = signatureAlgorithm(parameters);
        CAdESSignatureParameters cades = new CAdESSignatureParameters();
        cades.setSignatureLevel(eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_B);
        cades.setSignaturePackaging(SignaturePackaging.DETACHED);
        cades.setDigestAlgorithm(DigestAlgorithm.valueOf(parameters.digestAlgorithm()));
        cades.setSigningCertificate(certificate(parameters.signingCertificate()));
        cades.setCertificateChain(parameters.certificateChain().stream()
                .map(DssParameters::certificate)
                .toList());
        // After the certificate: DSS derives the encryption algorithm from its key (RSA), which
        // would turn RSASSA-PSS (Smart-ID) back into PKCS#1 v1.5.
        cades.setEncryptionAlgorithm(algorithm.getEncryptionAlgorithm());
        cades.bLevel().setSigningDate(Date.from(parameters.signingDate()));
        return cades;
    }

    /** The parameters that extend a level-B signature to the requested level. */
    public static CAdESSignatureParameters cadesExtension(SignatureParameters parameters, Manifest manifest) {
        CAdESSignatureParameters cades = cadesBaselineB(parameters);
        cades.setSignatureLevel(cadesLevel(parameters.level()));
        cades.setDetachedContents(List.of(manifest(manifest)));
        return cades;
    }

    public static eu.europa.esig.dss.enumerations.SignatureLevel cadesLevel(SignatureLevel level) {
        return switch (level) {
            case B -> eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_B;
            case T -> eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_T;
            case LT -> eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_LT;
            case LTA -> eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_LTA;
        };
    }

    /** The signed content of an ASiC-E with CAdES signature. */
    public static DSSDocument manifest(Manifest manifest) {
        return new InMemoryDocument(manifest.content(), manifest.entryName(), MimeTypeEnum.XML);
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

    private static void requireCades(SignatureParameters parameters) {
        if (parameters.format() != SignatureFormat.ASIC_E_CADES) {
            throw new IllegalArgumentException("format " + parameters.format() + " is not supported yet");
        }
    }
}
