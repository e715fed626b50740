package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * Checks a sealed container the way a relying party would, independently of container-service:
 * DSS with the exported trust anchor, and openssl for the CMS signature and its timestamp.
 */
final class ContainerChecks {

    private final Path trustAnchorPem;
    private final CommonCertificateVerifier offline;
    private final CommonCertificateVerifier online;

    ContainerChecks(Path trustAnchorPem) throws IOException, GeneralSecurityException {
        this.trustAnchorPem = trustAnchorPem;
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        try (InputStream pem = Files.newInputStream(trustAnchorPem)) {
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.addCertificate(new CertificateToken((X509Certificate) certificate));
            }
        }
        // The sandbox's root and issuing CA, and Smart-ID's ECDSA root and EID-Q issuing CA (issue 23).
        assertThat(trusted.getNumberOfCertificates()).isEqualTo(4);
        // LT and LTA must carry their own revocation data: validated without any network source.
        offline = new CommonCertificateVerifier();
        offline.setTrustedCertSources(trusted);
        offline.setOcspSource(null);
        offline.setCrlSource(null);
        offline.setAIASource(null);
        online = new CommonCertificateVerifier();
        online.setTrustedCertSources(trusted);
        online.setOcspSource(new OnlineOCSPSource());
        online.setCrlSource(null);
    }

    /**
     * Every file of {@code in} has its {@code out/<name>.asice}, valid as {@link #assertValidWithDss}
     * says; checked on two threads, as the containers are independent.
     */
    void assertEveryContainerValid(Path in, Path out, dev.signingsuite.events.SignatureLevel level) throws Exception {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(in)) {
            inputs = files.sorted().toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> verdicts = new ArrayList<>();
            for (Path input : inputs) {
                Path container = out.resolve(input.getFileName() + ".asice");
                verdicts.add(pool.submit(() -> {
                    assertThat(container).isRegularFile();
                    assertValidWithDss(container, input, level);
                    return null;
                }));
            }
            for (Future<?> verdict : verdicts) {
                verdict.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** DSS: one signature, TOTAL_PASSED, at exactly {@code level}, covering exactly {@code original}. */
    void assertValidWithDss(Path container, Path original, dev.signingsuite.events.SignatureLevel level)
            throws IOException {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(container.toFile()));
        boolean embedsRevocationData = level == dev.signingsuite.events.SignatureLevel.LT
                || level == dev.signingsuite.events.SignatureLevel.LTA;
        validator.setCertificateVerifier(embedsRevocationData ? offline : online);
        validator.setEnableEtsiValidationReport(false);
        Reports reports = validator.validateDocument();
        SimpleReport simple = reports.getSimpleReport();

        assertThat(simple.getSignaturesCount())
                .as("signatures in %s", container)
                .isEqualTo(1);
        String id = simple.getFirstSignatureId();
        assertThat(simple.getIndication(id))
                .as("%s: %s %s", container, simple.getSubIndication(id), simple.getAdESValidationErrors(id))
                .isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.valueByName("CAdES-BASELINE-" + level));
        List<DSSDocument> signed = validator.getOriginalDocuments(id);
        assertThat(signed).hasSize(1);
        assertThat(signed.get(0).getName()).isEqualTo(original.getFileName().toString());
        try (InputStream content = signed.get(0).openStream()) {
            assertThat(content.readAllBytes()).isEqualTo(Files.readAllBytes(original));
        }
    }

    /**
     * What DSS found in a container, validated offline (its own revocation data), for checks of the
     * signing certificate and times.
     */
    eu.europa.esig.dss.diagnostic.DiagnosticData diagnosticData(Path container) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(container.toFile()));
        validator.setCertificateVerifier(offline);
        validator.setEnableEtsiValidationReport(false);
        return validator.validateDocument().getDiagnosticData();
    }

    /**
     * A signed PDF (PAdES) as a relying party sees it: DSS finds one signature, TOTAL_PASSED at
     * exactly {@code level}; the received PDF is the first revision, unchanged (incremental
     * update); pdfsig says valid and trusted; qpdf finds the file sound.
     */
    void assertValidSignedPdf(Path signed, Path original, dev.signingsuite.events.SignatureLevel level, Path workDir)
            throws IOException, GeneralSecurityException {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(signed.toFile()));
        validator.setCertificateVerifier(
                level == dev.signingsuite.events.SignatureLevel.B || level == dev.signingsuite.events.SignatureLevel.T
                        ? online
                        : offline);
        validator.setEnableEtsiValidationReport(false);
        SimpleReport simple = validator.validateDocument().getSimpleReport();
        assertThat(simple.getSignaturesCount()).as("signatures in %s", signed).isEqualTo(1);
        String id = simple.getFirstSignatureId();
        assertThat(simple.getIndication(id))
                .as("%s: %s %s", signed, simple.getSubIndication(id), simple.getAdESValidationErrors(id))
                .isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.valueByName("PAdES-BASELINE-" + level));
        byte[] received = Files.readAllBytes(original);
        byte[] output = Files.readAllBytes(signed);
        assertThat(java.util.Arrays.copyOf(output, received.length))
                .as("the received PDF, kept byte for byte under the new revision")
                .isEqualTo(received);
        List<X509Certificate> anchors = new java.util.ArrayList<>();
        try (InputStream pem = Files.newInputStream(trustAnchorPem)) {
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                anchors.add((X509Certificate) certificate);
            }
        }
        dev.signingsuite.testsupport.PdfTools.assertValidAndTrusted(
                dev.signingsuite.testsupport.PdfTools.pdfsig(signed, anchors, workDir),
                1,
                level == dev.signingsuite.events.SignatureLevel.LTA ? 1 : 0);
        assertThat(dev.signingsuite.testsupport.PdfTools.qpdfCheck(signed))
                .contains("No syntax or stream encoding errors found");
    }

    /**
     * DSS: one signature, TOTAL_PASSED, at exactly {@code level}, covering exactly {@code originals}
     * (one container for a whole batch), each with its name and bytes.
     */
    void assertOneSignatureOverAll(Path container, List<Path> originals, dev.signingsuite.events.SignatureLevel level)
            throws IOException {
        assertOneSignatureOverAll(container, originals, level, "CAdES");
    }

    /** As {@link #assertOneSignatureOverAll(Path, List, dev.signingsuite.events.SignatureLevel)}, in {@code format} (CAdES, XAdES). */
    void assertOneSignatureOverAll(
            Path container, List<Path> originals, dev.signingsuite.events.SignatureLevel level, String format)
            throws IOException {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(container.toFile()));
        // B and T carry no revocation data: the validator asks the sandbox's OCSP responder.
        validator.setCertificateVerifier(
                level == dev.signingsuite.events.SignatureLevel.B || level == dev.signingsuite.events.SignatureLevel.T
                        ? online
                        : offline);
        validator.setEnableEtsiValidationReport(false);
        SimpleReport simple = validator.validateDocument().getSimpleReport();

        assertThat(simple.getSignaturesCount())
                .as("signatures in %s", container)
                .isEqualTo(1);
        String id = simple.getFirstSignatureId();
        assertThat(simple.getIndication(id))
                .as("%s: %s %s", container, simple.getSubIndication(id), simple.getAdESValidationErrors(id))
                .isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.valueByName(format + "-BASELINE-" + level));
        Map<String, byte[]> signed = new LinkedHashMap<>();
        for (DSSDocument document : validator.getOriginalDocuments(id)) {
            // XAdES names each document by its reference URI, percent-encoded (RFC 3986).
            String name = format.equals("XAdES")
                    ? java.net.URLDecoder.decode(document.getName().replace("+", "%2B"), UTF_8)
                    : document.getName();
            try (InputStream content = document.openStream()) {
                signed.put(name, content.readAllBytes());
            }
        }
        Map<String, byte[]> expected = new LinkedHashMap<>();
        for (Path original : originals) {
            expected.put(original.getFileName().toString(), Files.readAllBytes(original));
        }
        assertThat(signed.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, bytes) -> assertThat(signed.get(name)).as(name).isEqualTo(bytes));
    }

    /**
     * DigiDoc4j, in a JVM of its own (it carries its own DSS): the container is valid with no error,
     * the sandbox's trust anchors and its TSA's certificate (DigiDoc4j wants a timestamp's issuer
     * listed as a TSA service) being its whole trusted list.
     */
    void assertValidWithDigiDoc4j(Path container, X509Certificate tsa, Path workDir) throws Exception {
        String output = digiDoc4j(container, tsa, workDir, 0);
        assertThat(output).contains("VALID").doesNotContain("error:");
    }

    /**
     * DigiDoc4j on a B or T container: it never fetches revocation data (DigiDoc4 expects LT), so its
     * only objection must be the missing OCSP response; nothing about the signature, the files or
     * the timestamp.
     */
    void assertDigiDoc4jMissesOnlyRevocationData(Path container, X509Certificate tsa, Path workDir) throws Exception {
        String output = digiDoc4j(container, tsa, workDir, 1);
        assertThat(output.lines().filter(line -> line.startsWith("error:")))
                .as(output)
                .containsExactlyInAnyOrder(
                        "error: The certificate validation is not conclusive!",
                        "error: No revocation data found for the certificate!");
    }

    private String digiDoc4j(Path container, X509Certificate tsa, Path workDir, int expectedExit) throws Exception {
        Path checker = Path.of(System.getProperty("digidoc4j.check.dir", "../digidoc4j-check/target"));
        Path trusted = Files.createTempFile(workDir, "digidoc4j-trust", ".pem");
        Files.writeString(
                trusted,
                Files.readString(trustAnchorPem, US_ASCII) + "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(tsa.getEncoded())
                        + "\n-----END CERTIFICATE-----\n",
                US_ASCII);
        String classPath = checker.resolve("classes")
                + java.io.File.pathSeparator
                + Files.readString(checker.resolve("digidoc4j.classpath")).trim();
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // A few seconds of work: without C2 the check took 3.5 s instead of 12 s here.
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classPath,
                        "dev.signingsuite.digidoc4jcheck.DigiDoc4jCheck",
                        container.toString(),
                        trusted.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("DigiDoc4j on %s:%n%s", container, output)
                .isEqualTo(expectedExit);
        return output;
    }

    /**
     * openssl: the CMS signature parses and verifies over the ASiC manifest with the trust anchor;
     * from T on, {@code openssl ts -verify} accepts the signature timestamp over the signature value.
     */
    void assertValidWithOpenssl(Path container, dev.signingsuite.events.SignatureLevel level, Path workDir)
            throws Exception {
        Map<String, byte[]> entries = entries(container);
        assertThat(entries).containsKeys("mimetype", "META-INF/ASiCManifest.xml", "META-INF/signature001.p7s");
        Path dir = Files.createTempDirectory(workDir, "openssl");
        Path signature = Files.write(dir.resolve("signature.p7s"), entries.get("META-INF/signature001.p7s"));
        Path manifest = Files.write(dir.resolve("ASiCManifest.xml"), entries.get("META-INF/ASiCManifest.xml"));

        openssl("cms", "-cmsout", "-print", "-noout", "-inform", "DER", "-in", signature.toString());
        openssl(
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                signature.toString(),
                "-content",
                manifest.toString(),
                "-CAfile",
                trustAnchorPem.toString(),
                "-purpose",
                "any",
                "-out",
                dir.resolve("verified").toString());

        SignerInformation signer = new CMSSignedData(entries.get("META-INF/signature001.p7s"))
                .getSignerInfos()
                .iterator()
                .next();
        Attribute timestamp = signer.getUnsignedAttributes() == null
                ? null
                : signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (level == dev.signingsuite.events.SignatureLevel.B) {
            assertThat(timestamp)
                    .as("a B-level signature has no signature timestamp")
                    .isNull();
            return;
        }
        assertThat(timestamp).as("signature timestamp in %s", container).isNotNull();
        Path token = Files.write(
                dir.resolve("token.der"),
                timestamp.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded(ASN1Encoding.DER));
        Path signatureValue = Files.write(dir.resolve("signature-value.bin"), signer.getSignature());
        openssl(
                "ts",
                "-verify",
                "-token_in",
                "-in",
                token.toString(),
                "-data",
                signatureValue.toString(),
                "-CAfile",
                trustAnchorPem.toString());
    }

    private static Map<String, byte[]> entries(Path container) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(container))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries.keySet())
                .first()
                .as("the first entry of %s", container)
                .isEqualTo("mimetype");
        return entries;
    }

    private static void openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("%s%n%s", String.join(" ", command), output)
                .isZero();
    }
}
