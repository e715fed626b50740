package dev.signingsuite.provider.onetime.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.est.EstCertificateAuthority;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.provider.onetime.TestDocuments;
import dev.signingsuite.provider.onetime.enrolment.EstProperties;
import dev.signingsuite.provider.onetime.hsm.Pkcs11Token;
import dev.signingsuite.provider.onetime.hsm.SoftHsmToken;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.Resolution;
import dev.signingsuite.provider.runtime.Returned;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.alert.LogOnStatusAlert;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: an LT signature made with a one-time key and its one-minute certificate (SoftHSM2, the
 * sandbox's EST CA) validates with DSS a year after the certificate ended. Its revocation data is an
 * OCSP response produced after the certificate ended, which is consistent only through the
 * responder's archiveCutoff (RFC 6960 4.4.4): the case of a document whose LT step came late.
 */
class LongAfterExpiryTest {

    @TempDir
    Path dir;

    @Test
    void aOneTimeLtSignatureValidatesAYearAfterItsCertificateEndedThroughTheOcspArchiveCutoff() throws Exception {
        // The sandbox runs ten minutes behind, so that its OCSP answer "after the certificate ended"
        // is still in the past for DSS, which checks against the real time while it extends.
        MutableClock clock = TestClock.startingAt(TestClock.now().minus(Duration.ofMinutes(10)));
        try (Sandbox sandbox = Sandbox.start(new SandboxSettings(dir, "127.0.0.1", 0), clock);
                Pkcs11Token token = Pkcs11Token.open(SoftHsmToken.properties(), clock);
                OneTimeSignings signings = new OneTimeSignings(
                        token,
                        new EstCertificateAuthority(new EstProperties(
                                        sandbox.estAuthority(),
                                        sandbox.trustAnchorPem(),
                                        Sandbox.EST_RA_USER,
                                        Sandbox.EST_RA_SECRET,
                                        Duration.ofSeconds(10))
                                .endpoint()),
                        entry -> {},
                        clock,
                        Duration.ofSeconds(5))) {
            OneTimeSigner signer = OneTimeSigner.withoutLogin(signings, 10, clock);
            HashComputed event =
                    TestDocuments.hashComputed("late-lt", "batch-late", TestDocuments.PERSON, clock.instant());
            Resolution.Sign resolved = (Resolution.Sign) signer.resolve(event);
            CertificateToken certificate = resolved.signer().certificate();
            Instant notAfter = certificate.getNotAfter().toInstant();

            DSSDocument document = new InMemoryDocument("<invoice/>".getBytes(UTF_8), "invoice.xml");
            CommonCertificateVerifier verifier = verifier(sandbox.trustAnchorPem());
            verifier.setOcspSource(new OnlineOCSPSource());
            // What a relying party decides below, not the signing side.
            verifier.setAlertOnExpiredCertificate(new LogOnStatusAlert());
            verifier.setAlertOnNoRevocationAfterBestSignatureTime(new LogOnStatusAlert());
            CAdESService service = new CAdESService(verifier);
            service.setTspSource(new OnlineTSPSource(sandbox.tsaUrl().toString()));
            CAdESSignatureParameters parameters = new CAdESSignatureParameters();
            parameters.setSignatureLevel(SignatureLevel.CAdES_BASELINE_T);
            parameters.setSignaturePackaging(SignaturePackaging.DETACHED);
            parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
            parameters.setSigningCertificate(certificate);
            parameters.setCertificateChain(resolved.signer().chain());
            parameters.bLevel().setSigningDate(Date.from(clock.instant()));

            ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toBeSigned.getBytes());
            Returned returned = signer.sign(
                            resolved.signer(),
                            List.of(new PreparedSignature(event, null, toBeSigned.getBytes(), digest)))
                    .get(0);
            clock.advance(Duration.ofSeconds(5));
            DSSDocument timestamped = service.signDocument(
                    document,
                    parameters,
                    new SignatureValue(SignatureAlgorithm.ECDSA_SHA256, ((Returned.Value) returned).value()));

            // The LT step comes after the certificate ended: its OCSP response is produced then.
            clock.advance(Duration.ofMinutes(3));
            CAdESSignatureParameters extension = new CAdESSignatureParameters();
            extension.setSignatureLevel(SignatureLevel.CAdES_BASELINE_LT);
            extension.setDetachedContents(List.of(document));
            DSSDocument lt = service.extendDocument(timestamped, extension);

            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(lt);
            validator.setDetachedContents(List.of(document));
            validator.setCertificateVerifier(verifier(sandbox.trustAnchorPem())); // offline: its own data only
            validator.setEnableEtsiValidationReport(false);
            validator.setValidationTime(Date.from(notAfter.plus(Duration.ofDays(365))));
            Reports reports = validator.validateDocument();
            SimpleReport simple = reports.getSimpleReport();
            String id = simple.getFirstSignatureId();

            assertThat(simple.getIndication(id))
                    .as("%s %s", simple.getSubIndication(id), simple.getAdESValidationErrors(id))
                    .isEqualTo(Indication.TOTAL_PASSED);
            assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.CAdES_BASELINE_LT);
            DiagnosticData diagnostic = reports.getDiagnosticData();
            CertificateWrapper signing = diagnostic.getSignatureById(id).getSigningCertificate();
            assertThat(Duration.between(
                            signing.getNotBefore().toInstant(),
                            signing.getNotAfter().toInstant()))
                    .isLessThanOrEqualTo(Duration.ofSeconds(60));
            List<CertificateRevocationWrapper> revocations = signing.getCertificateRevocationData();
            assertThat(revocations).isNotEmpty().allSatisfy(revocation -> {
                assertThat(revocation.getThisUpdate().toInstant())
                        .as("the OCSP answer came after the certificate ended")
                        .isAfter(notAfter);
                assertThat(revocation.getArchiveCutOff()).as("archiveCutoff").isNotNull();
            });
        }
    }

    // Offline: the sandbox's root and issuing CA as the only trust, no network source.
    private static CommonCertificateVerifier verifier(Path trustAnchorPem) throws Exception {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        try (InputStream pem = Files.newInputStream(trustAnchorPem)) {
            for (Certificate each : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.addCertificate(new CertificateToken((X509Certificate) each));
            }
        }
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(null);
        verifier.setCrlSource(null);
        verifier.setAIASource(null);
        return verifier;
    }
}
