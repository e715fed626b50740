package dev.signingsuite.container.validation;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.ValidationSummary;
import dev.signingsuite.messaging.SigningMeters;
import dev.signingsuite.signature.DetachedParameters;
import dev.signingsuite.signature.XmlParsersOnce;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.jaxb.XmlDigestMatcher;
import eu.europa.esig.dss.enumerations.DigestMatcherType;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.jaxb.XmlSignatureScope;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.DocumentValidatorFactory;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import eu.europa.esig.dss.validation.reports.Reports;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates a written container with DSS before anyone may download it: exactly one signature,
 * indication TOTAL_PASSED under DSS's default policy, and every data file covered by the signature
 * through the manifest with an intact digest.
 *
 * <p>An LT or LTA signature carries its own revocation data and timestamps, so it is validated
 * offline: no OCSP traffic and about twice as fast (BUILD-NOTES). A B or T signature carries none,
 * and offline DSS could only answer INDETERMINATE; it is validated with an online OCSP source (and
 * AIA for a chain the signature lacks), so these levels depend on the responder being reachable.
 */
public final class ContainerValidator {

    private static final int MAX_MESSAGES = 5;
    private static final Set<DigestMatcherType> COVERING =
            Set.of(DigestMatcherType.MANIFEST_ENTRY, DigestMatcherType.REFERENCE);
    // A detached CAdES covers its one content by the message-digest attribute.
    private static final Set<DigestMatcherType> DETACHED_COVERING = Set.of(DigestMatcherType.MESSAGE_DIGEST);

    private final CertificateVerifier offline;
    private static final List<DocumentValidatorFactory> VALIDATOR_FACTORIES =
            ServiceLoader.load(DocumentValidatorFactory.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();

    private final CertificateVerifier online;
    private final ValidationPolicy policy;
    private final Timer timer;

    ContainerValidator(CertificateVerifier offline, CertificateVerifier online, ValidationPolicy policy, Timer timer) {
        this.offline = offline;
        this.online = online;
        this.policy = policy;
        this.timer = timer;
    }

    /** Loads DSS's default policy once and builds the two verifiers every validation shares. */
    public static ContainerValidator create(CertificateSource trustAnchors, MeterRegistry meters) {
        XmlParsersOnce.install();
        CommonCertificateVerifier offline = new CommonCertificateVerifier();
        offline.setTrustedCertSources(trustAnchors);
        offline.setOcspSource(null);
        offline.setCrlSource(null);
        offline.setAIASource(null);
        CommonCertificateVerifier online = new CommonCertificateVerifier();
        online.setTrustedCertSources(trustAnchors);
        online.setOcspSource(new OnlineOCSPSource());
        online.setCrlSource(null);
        online.setAIASource(new DefaultAIASource());
        Timer timer = SigningMeters.validationDuration(meters);
        return new ContainerValidator(
                offline,
                online,
                new CryptographicSuitesOnce(
                        ValidationPolicyLoader.fromDefaultValidationPolicy().create()),
                timer);
    }

    /**
     * @param declared the level the signature claims; B and T are validated online
     */
    public ContainerValidation validate(Path container, List<DataFile> files, SignatureLevel declared) {
        return validate(container, files, declared, SignatureFormat.ASIC_E_CADES);
    }

    /**
     * @param format {@code PADES} for a signed PDF: its signature covers the PDF revision by byte
     *     range and message digest, which TOTAL_PASSED includes, not the data files by name
     */
    public ContainerValidation validate(
            Path container, List<DataFile> files, SignatureLevel declared, SignatureFormat format) {
        Reports reports;
        try {
            reports = timer.record(() -> dssReports(container, declared));
        } catch (RuntimeException e) {
            // DSS cannot read the container as an ASiC-E with a signature (malformed CMS, zip bomb guard).
            return new ContainerValidation(
                    false,
                    new ValidationSummary(Indication.TOTAL_FAILED.name(), "FORMAT_FAILURE", null, null, null),
                    "DSS cannot validate the container: " + e.getMessage());
        }
        return judge(reports, format == SignatureFormat.PADES ? List.of() : files, COVERING);
    }

    /**
     * A detached signature over a client's digest ({@code CADES_DETACHED}, {@code XADES_DETACHED}):
     * DSS checks the CMS message-digest attribute, or the XAdES reference, against that digest, the
     * only content there is.
     */
    public ContainerValidation validateDetached(
            Path signature, List<DataFile> files, SignatureLevel declared, SignatureFormat format) {
        Reports reports;
        try {
            reports = timer.record(() -> dssReports(signature, declared, DetachedParameters.detachedDigest(files)));
        } catch (RuntimeException e) {
            return new ContainerValidation(
                    false,
                    new ValidationSummary(Indication.TOTAL_FAILED.name(), "FORMAT_FAILURE", null, null, null),
                    "DSS cannot validate the signature: " + e.getMessage());
        }
        return judge(reports, files, format == SignatureFormat.XADES_DETACHED ? COVERING : DETACHED_COVERING);
    }

    private Reports dssReports(Path container, SignatureLevel declared) {
        return dssReports(container, declared, null);
    }

    private Reports dssReports(Path container, SignatureLevel declared, DSSDocument detached) {
        SignedDocumentValidator validator = validatorFor(new FileDocument(container.toFile()));
        if (detached != null) {
            validator.setDetachedContents(List.of(detached));
        }
        validator.setCertificateVerifier(
                declared == SignatureLevel.B || declared == SignatureLevel.T ? online : offline);
        validator.setEnableEtsiValidationReport(false);
        return validator.validateDocument(policy);
    }

    /**
     * What {@link SignedDocumentValidator#fromDocument} does, with DSS's validator factories looked up
     * once: it scans the class path for them on every call.
     */
    private static SignedDocumentValidator validatorFor(DSSDocument document) {
        for (DocumentValidatorFactory factory : VALIDATOR_FACTORIES) {
            if (factory.isSupported(document)) {
                return factory.create(document);
            }
        }
        throw new UnsupportedOperationException("Document format not recognized/handled");
    }

    private static ContainerValidation judge(Reports reports, List<DataFile> files, Set<DigestMatcherType> covering) {
        SimpleReport simple = reports.getSimpleReport();
        if (simple.getSignaturesCount() != 1) {
            return new ContainerValidation(
                    false,
                    new ValidationSummary(Indication.NO_SIGNATURE_FOUND.name(), null, null, null, null),
                    "expected exactly one signature, found " + simple.getSignaturesCount());
        }
        String id = simple.getFirstSignatureId();
        Indication indication = simple.getIndication(id);
        var subIndication = simple.getSubIndication(id);
        ValidationSummary summary = new ValidationSummary(
                indication.name(),
                subIndication == null ? null : subIndication.name(),
                instant(simple.getBestSignatureTime(id)),
                signedBy(reports.getDiagnosticData(), id, simple),
                level(simple.getSignatureFormat(id)));
        List<String> problems = new ArrayList<>();
        if (indication != Indication.TOTAL_PASSED) {
            problems.add("indication " + indication + (subIndication == null ? "" : "/" + subIndication)
                    + errors(simple, id));
        }
        List<String> uncovered =
                uncovered(reports.getDiagnosticData().getSignatureById(id), simple, id, files, covering);
        if (!uncovered.isEmpty()) {
            problems.add("the signature does not cover " + String.join(", ", uncovered));
        }
        return new ContainerValidation(
                problems.isEmpty(), summary, problems.isEmpty() ? null : String.join("; ", problems));
    }

    // A file counts as covered when the manifest (CAdES) or a reference (XAdES) carries it with a
    // digest DSS found intact and DSS names it in the signature's scope.
    private static List<String> uncovered(
            SignatureWrapper signature,
            SimpleReport simple,
            String id,
            List<DataFile> files,
            Set<DigestMatcherType> covering) {
        Set<String> intact = new HashSet<>();
        for (XmlDigestMatcher matcher : signature.getDigestMatchers()) {
            if (covering.contains(matcher.getType()) && matcher.isDataFound() && matcher.isDataIntact()) {
                Stream.of(matcher.getUri(), matcher.getDocumentName()).forEach(intact::add);
            }
        }
        Set<String> scoped = simple.getSignatureScopes(id).stream()
                .map(XmlSignatureScope::getName)
                .collect(Collectors.toSet());
        return files.stream()
                .map(DataFile::name)
                .filter(name -> !intact.contains(name) || !scoped.contains(name))
                .toList();
    }

    private static String errors(SimpleReport simple, String id) {
        List<String> messages = simple.getAdESValidationErrors(id).stream()
                .map(Message::getValue)
                .distinct()
                .limit(MAX_MESSAGES)
                .toList();
        return messages.isEmpty() ? "" : ": " + String.join("; ", messages);
    }

    private static String signedBy(DiagnosticData diagnostic, String id, SimpleReport simple) {
        CertificateWrapper certificate = diagnostic.getSignatureById(id).getSigningCertificate();
        if (certificate == null) {
            return simple.getSignedBy(id);
        }
        if (certificate.getCommonName() != null && !certificate.getCommonName().isBlank()) {
            return certificate.getCommonName();
        }
        return certificate.getOrganizationName();
    }

    private static SignatureLevel level(eu.europa.esig.dss.enumerations.SignatureLevel format) {
        if (format == null) {
            return null;
        }
        String name = format.name();
        if (name.endsWith("_BASELINE_LTA")) {
            return SignatureLevel.LTA;
        }
        if (name.endsWith("_BASELINE_LT")) {
            return SignatureLevel.LT;
        }
        if (name.endsWith("_BASELINE_T")) {
            return SignatureLevel.T;
        }
        return name.endsWith("_BASELINE_B") ? SignatureLevel.B : null;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
