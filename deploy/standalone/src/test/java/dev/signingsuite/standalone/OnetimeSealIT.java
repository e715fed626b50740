package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.enumerations.TimestampType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code seal --provider onetime} (issue 21): provider-onetime as a process of its own with a
 * SoftHSM2 token the standalone initialised in its data directory, enrolling over EST with the
 * sandbox's one-time CA. Needs Debian's softhsm2 (as provider-onetime's own tests do).
 */
@ExtendWith(OutputCaptureExtension.class)
class OnetimeSealIT {

    private static final int DOCUMENTS = 3;

    @TempDir
    Path work;

    @Test
    void aFolderIsSealedAtLtUnderOneShortLivedCertificateAndNoKeyIsLeftInTheToken(CapturedOutput output)
            throws Exception {
        Path in = Files.createDirectories(work.resolve("in"));
        for (int i = 1; i <= DOCUMENTS; i++) {
            Files.writeString(in.resolve("invoice-" + i + ".xml"), "<invoice id=\"" + i + "\"/>");
        }
        Path out = work.resolve("out");
        Path data = work.resolve("data");

        int status = StandaloneApplication.seal(Invocation.parse(
                "seal",
                in.toString(),
                "--out",
                out.toString(),
                "--level",
                "LT",
                "--provider",
                "onetime",
                "--standalone.data-dir=" + data,
                "--standalone.sandbox.port=0"));

        assertThat(status).as(output.getOut()).isZero();
        assertThat(output.getOut()).contains("with onetime").contains("of 3 documents");
        ContainerChecks checks = new ContainerChecks(out.resolve("trust-anchor.pem"));
        checks.assertEveryContainerValid(in, out, SignatureLevel.LT);

        Set<String> certificates = new HashSet<>();
        for (int i = 1; i <= DOCUMENTS; i++) {
            DiagnosticData diagnostic = checks.diagnosticData(out.resolve("invoice-" + i + ".xml.asice"));
            SignatureWrapper signature = diagnostic.getSignatures().get(0);
            CertificateWrapper certificate = signature.getSigningCertificate();
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            assertThat(Duration.between(notBefore, notAfter)).isLessThanOrEqualTo(Duration.ofSeconds(60));
            assertThat(signature.getClaimedSigningTime().toInstant()).isBetween(notBefore, notAfter);
            TimestampWrapper timestamp = signature.getTimestampList().stream()
                    .filter(each -> each.getType() == TimestampType.SIGNATURE_TIMESTAMP)
                    .findFirst()
                    .orElseThrow();
            assertThat(timestamp.getProductionTime().toInstant())
                    .as("the signature timestamp, before the certificate ended")
                    .isBefore(notAfter);
            assertThat(certificate.getSubjectSerialNumber()).isEqualTo("PNOLV-010101-10006");
            certificates.add(certificate.getSerialNumber());
        }
        assertThat(certificates)
                .as("one certificate for the run's one authorised signing")
                .hasSize(1);
        // The independent check of a CAdES container: openssl verifies the CMS signature and its
        // timestamp (DigiDoc4j reads ASiC-E with XAdES only).
        checks.assertValidWithOpenssl(out.resolve("invoice-1.xml.asice"), SignatureLevel.LT, work);

        Path tokenDirectory = OnetimeProcess.tokenDirectory(data.toAbsolutePath(), 1);
        try (var tokens = Files.list(tokenDirectory.resolve("tokens"))) {
            assertThat(tokens.filter(Files::isDirectory))
                    .as("the token the standalone initialised")
                    .hasSize(1);
        }
        OnetimeToken token = OnetimeToken.prepare(tokenDirectory, Path.of("/usr/lib/softhsm/libsofthsm2.so"))
                .orElseThrow();
        assertThat(token.storedObjects()).as("key objects left in the token").isZero();
    }

    /**
     * Without the PKCS#11 library the suite still runs: documents for provider-onetime fail
     * STAGE_UNAVAILABLE saying what to install, and another provider's documents are sealed.
     */
    @Test
    void withoutAPkcs11LibraryOneTimeDocumentsFailSayingWhatToInstallAndTheRestRuns() throws Exception {
        Path in = Files.createDirectories(work.resolve("in-missing"));
        Files.writeString(in.resolve("invoice.xml"), "<invoice/>");
        try (ConfigurableApplicationContext suite = StandaloneApplication.start(
                        "--standalone.data-dir=" + work.resolve("data-missing"),
                        "--standalone.kafka.port=0",
                        "--standalone.kafka.tenant-port=0",
                        "--standalone.sandbox.port=0",
                        "--standalone.services.gateway-port=0",
                        "--standalone.services.base-port=0",
                        "--standalone.services.log-level=WARN",
                        "--standalone.ready-banner=false",
                        "--standalone.onetime.library=/nonexistent/libsofthsm2.so");
                PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            SealReport onetime = SealCommand.run(
                    suite,
                    new SealOptions(in, work.resolve("out-onetime"), SignatureLevel.B, Provider.ONETIME),
                    console);
            SealReport csc = SealCommand.run(
                    suite, new SealOptions(in, work.resolve("out-csc"), SignatureLevel.B, Provider.CSC), console);

            assertThat(onetime.outcomes()).singleElement().satisfies(outcome -> {
                assertThat(outcome.succeeded()).isFalse();
                assertThat(outcome.failure())
                        .startsWith("STAGE_UNAVAILABLE")
                        .contains("no PKCS#11 library at /nonexistent/libsofthsm2.so")
                        .contains("apt-get install softhsm2");
            });
            assertThat(csc.outcomes())
                    .singleElement()
                    .satisfies(outcome -> assertThat(outcome.succeeded())
                            .as(outcome.failure())
                            .isTrue());
            assertThat(suite.getBean(SuiteServices.class).processes())
                    .as("no provider-onetime process without a token")
                    .isEmpty();
            assertThat(csc.outcomes()).extracting(SealOutcome::container).doesNotContainNull();
        }
    }
}
