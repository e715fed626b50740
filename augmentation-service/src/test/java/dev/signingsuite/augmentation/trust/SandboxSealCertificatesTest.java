package dev.signingsuite.augmentation.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.augmentation.Sandboxes;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplecertificatereport.SimpleCertificateReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.CertificateValidator;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DSS validates every seal certificate the CSC simulator signs with, the ECDSA ones as the RSA one:
 * chain to the sandbox CAs, revocation status from the sandbox OCSP responder named in the AIA.
 */
class SandboxSealCertificatesTest {

    @TempDir
    static Path dataDir;

    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(dataDir);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                SandboxEntities.SEAL,
                SandboxEntities.SEAL_LOGISTICS,
                SandboxEntities.SEAL_EC,
                SandboxEntities.SEAL_EC_LOGISTICS
            })
    void passesWithOcspFromTheSandboxResponder(String name) {
        PkiEntity seal = sandbox.pki().entity(name);
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        Sandboxes.trustAnchors(sandbox).forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
        CommonCertificateSource chain = new CommonCertificateSource();
        for (X509Certificate certificate : seal.chain()) {
            chain.addCertificate(new CertificateToken(certificate));
        }
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setAdjunctCertSources(chain);
        verifier.setAIASource(null);
        verifier.setCrlSource(null);
        verifier.setOcspSource(new OnlineOCSPSource());
        long ocspBefore = sandbox.ocspResponder().requestCount();

        CertificateValidator validator = CertificateValidator.fromCertificate(new CertificateToken(seal.certificate()));
        validator.setCertificateVerifier(verifier);
        SimpleCertificateReport report = validator.validate().getSimpleReport();

        String leaf = new CertificateToken(seal.certificate()).getDSSIdAsString();
        assertThat(report.getCertificateIds()).contains(leaf);
        assertThat(report.getCertificateIndication(leaf))
                .as("%s: %s", name, report.getX509ValidationErrors(leaf))
                .isEqualTo(Indication.PASSED);
        assertThat(sandbox.ocspResponder().requestCount()).isGreaterThan(ocspBefore);
        assertThat(List.of(seal.certificate().getIssuerX500Principal()))
                .containsExactly(sandbox.pki().issuingCa().certificate().getSubjectX500Principal());
    }
}
