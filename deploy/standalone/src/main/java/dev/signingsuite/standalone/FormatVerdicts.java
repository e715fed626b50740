package dev.signingsuite.standalone;

import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * A sealed output validated by DSS as a relying party would, apart from container-service's own
 * check: the exported trust anchors only; LT and LTA offline (they must carry their revocation
 * data), B and T with the sandbox's OCSP responder. OK means one signature, TOTAL_PASSED, in the
 * format and at exactly the level asked.
 */
final class FormatVerdicts {

    private final CommonCertificateVerifier offline = new CommonCertificateVerifier();
    private final CommonCertificateVerifier online = new CommonCertificateVerifier();

    FormatVerdicts(Path trustAnchorPem) throws IOException {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        try (InputStream pem = Files.newInputStream(trustAnchorPem)) {
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.addCertificate(new CertificateToken((X509Certificate) certificate));
            }
        } catch (CertificateException e) {
            throw new IOException("cannot read the trust anchors in " + trustAnchorPem, e);
        }
        offline.setTrustedCertSources(trusted);
        offline.setOcspSource(null);
        offline.setCrlSource(null);
        offline.setAIASource(null);
        online.setTrustedCertSources(trusted);
        online.setOcspSource(new OnlineOCSPSource());
        online.setCrlSource(null);
    }

    String check(Path output, SignatureFormat format, SignatureLevel level) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(output.toFile()));
        validator.setCertificateVerifier(level == SignatureLevel.B || level == SignatureLevel.T ? online : offline);
        validator.setEnableEtsiValidationReport(false);
        SimpleReport simple = validator.validateDocument().getSimpleReport();
        if (simple.getSignaturesCount() != 1) {
            return "FAILED: " + simple.getSignaturesCount() + " signatures";
        }
        String id = simple.getFirstSignatureId();
        String expected = (format == SignatureFormat.PADES ? "PAdES" : "XAdES") + "-BASELINE-" + level;
        String found = String.valueOf(simple.getSignatureFormat(id));
        if (simple.getIndication(id) != Indication.TOTAL_PASSED) {
            return "FAILED: " + found + " " + simple.getIndication(id) + " " + simple.getSubIndication(id);
        }
        if (simple.getSignatureFormat(id) != eu.europa.esig.dss.enumerations.SignatureLevel.valueByName(expected)) {
            return "FAILED: " + found + ", not " + expected;
        }
        return "OK " + found + " TOTAL_PASSED";
    }
}
