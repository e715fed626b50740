package dev.signingsuite.augmentation.signature;

import dev.signingsuite.augmentation.Sandboxes;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.signature.DssParameters;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import java.util.List;

/** DSS's verdict on a signature, offline: only what the signature carries, and the sandbox CAs as trust anchors. */
record Validation(String format, String indication) {

    static Validation of(SignatureAugmented augmented, Sandbox sandbox) {
        return of(
                augmented,
                sandbox,
                augmented.parameters().format() == SignatureFormat.ASIC_E_XADES
                        ? DssParameters.dataFiles(augmented.files())
                        : List.of(DssParameters.manifest(augmented.manifest())));
    }

    /** With the signed content given: a XAdES archive timestamp needs the files' bytes, not digests. */
    static Validation of(SignatureAugmented augmented, Sandbox sandbox, List<DSSDocument> signedContent) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        Sandboxes.trustAnchors(sandbox).forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
        CommonCertificateVerifier offline = new CommonCertificateVerifier();
        offline.setTrustedCertSources(trusted);
        offline.setAIASource(null);
        offline.setOcspSource(null);
        offline.setCrlSource(null);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(
                new InMemoryDocument(augmented.signature().content()));
        validator.setCertificateVerifier(offline);
        validator.setDetachedContents(signedContent);
        SimpleReport report = validator.validateDocument().getSimpleReport();
        String id = report.getFirstSignatureId();
        return new Validation(
                report.getSignatureFormat(id).name(), report.getIndication(id).name());
    }
}
