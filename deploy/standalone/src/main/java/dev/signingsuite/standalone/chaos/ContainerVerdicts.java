package dev.signingsuite.standalone.chaos;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * Validates a stored container as a relying party would, independently of the suite's own report:
 * DSS with only the sandbox's trust anchor, offline for LT and LTA (they carry their revocation
 * data), one signature, TOTAL_PASSED, at the requested level, over exactly the submitted document.
 */
public final class ContainerVerdicts {

    private final CommonCertificateVerifier verifier;
    private final dev.signingsuite.events.SignatureLevel level;

    public ContainerVerdicts(Path trustAnchorPem, dev.signingsuite.events.SignatureLevel level)
            throws IOException, GeneralSecurityException {
        this.level = level;
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        try (InputStream pem = Files.newInputStream(trustAnchorPem)) {
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.addCertificate(new CertificateToken((X509Certificate) certificate));
            }
        }
        verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(null);
        verifier.setAIASource(null);
        if (level == dev.signingsuite.events.SignatureLevel.LT || level == dev.signingsuite.events.SignatureLevel.LTA) {
            verifier.setOcspSource(null);
        } else {
            verifier.setOcspSource(new eu.europa.esig.dss.service.ocsp.OnlineOCSPSource());
        }
    }

    /** Null when valid, else what is wrong. */
    public String problem(byte[] container, String fileName, byte[] content) {
        try {
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(container));
            validator.setCertificateVerifier(verifier);
            validator.setEnableEtsiValidationReport(false);
            SimpleReport simple = validator.validateDocument().getSimpleReport();
            if (simple.getSignaturesCount() != 1) {
                return simple.getSignaturesCount() + " signatures";
            }
            String id = simple.getFirstSignatureId();
            if (simple.getIndication(id) != Indication.TOTAL_PASSED) {
                return simple.getIndication(id) + " " + simple.getSubIndication(id) + " "
                        + simple.getAdESValidationErrors(id);
            }
            if (simple.getSignatureFormat(id)
                    != eu.europa.esig.dss.enumerations.SignatureLevel.valueByName("CAdES-BASELINE-" + level)) {
                return "level " + simple.getSignatureFormat(id) + ", not " + level;
            }
            List<DSSDocument> signed = validator.getOriginalDocuments(id);
            if (signed.size() != 1 || !fileName.equals(signed.get(0).getName())) {
                return "signs " + signed.stream().map(DSSDocument::getName).toList() + ", not " + fileName;
            }
            try (InputStream signedContent = signed.get(0).openStream()) {
                if (!Arrays.equals(signedContent.readAllBytes(), content)) {
                    return "the signed " + fileName + " differs from the submitted one";
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot validate: " + e.getMessage();
        }
    }
}
