package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Everything DSS needs to rebuild identical signature parameters downstream. DSS requires the same
 * parameters, signing date included, in {@code getDataToSign} and {@code signDocument}; the provider
 * fixes them once and every later event carries them, so no stage keeps per-document state.
 *
 * @param format the container and signature format
 * @param level the target level
 * @param digestAlgorithm DSS {@code DigestAlgorithm} name, e.g. {@code SHA256}
 * @param signatureAlgorithm DSS {@code SignatureAlgorithm} name, e.g. {@code RSA_SHA256}, {@code
 *     RSA_SSA_PSS_SHA256_MGF1}, {@code ECDSA_SHA256}
 * @param signingDate the signing date (claimed signing time) used in every DSS call
 * @param signingCertificate the signer's certificate, DER (base64 in JSON)
 * @param certificateChain the issuer chain, DER each (base64 in JSON), leaf's issuer first; may be
 *     empty
 * @param pdfRevision for {@code PADES} only: the PDF revision the CMS signs, from {@code
 *     HashComputed}, unchanged (optional, added within v1); its signing date is {@code signingDate}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignatureParameters(
        SignatureFormat format,
        SignatureLevel level,
        String digestAlgorithm,
        String signatureAlgorithm,
        Instant signingDate,
        byte[] signingCertificate,
        List<byte[]> certificateChain,
        PdfRevision pdfRevision) {

    public SignatureParameters {
        Checks.notNull(format, "format");
        Checks.notNull(level, "level");
        Checks.notBlank(digestAlgorithm, "digestAlgorithm");
        Checks.notBlank(signatureAlgorithm, "signatureAlgorithm");
        Checks.notNull(signingDate, "signingDate");
        Checks.notEmpty(signingCertificate, "signingCertificate");
        certificateChain = certificateChain == null ? List.of() : Checks.copyOf(certificateChain, "certificateChain");
        if (format == SignatureFormat.PADES) {
            Checks.notNull(pdfRevision, "pdfRevision");
            if (!pdfRevision.signingDate().equals(signingDate)) {
                throw new IllegalArgumentException("signingDate must be the PDF revision's signing date");
            }
        }
    }

    /** The parameters of an ASiC-E format, without a PDF revision. */
    public SignatureParameters(
            SignatureFormat format,
            SignatureLevel level,
            String digestAlgorithm,
            String signatureAlgorithm,
            Instant signingDate,
            byte[] signingCertificate,
            List<byte[]> certificateChain) {
        this(
                format,
                level,
                digestAlgorithm,
                signatureAlgorithm,
                signingDate,
                signingCertificate,
                certificateChain,
                null);
    }
}
