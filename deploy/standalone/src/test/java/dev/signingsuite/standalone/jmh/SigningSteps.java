package dev.signingsuite.standalone.jmh;

import dev.signingsuite.augmentation.trust.CachingOcspSource;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.container.assembly.AsicContainerWriter;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureArtifact;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.signature.AsicLayout;
import dev.signingsuite.standalone.bench.BenchDocuments;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.asic.cades.ASiCWithCAdESSignatureParameters;
import eu.europa.esig.dss.asic.cades.signature.ASiCWithCAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot single steps of sealing one 20 KB document, each on its own, against the sandbox on
 * loopback. Run with {@code ./mvnw -pl deploy/standalone -am -Pjmh -DskipTests verify}, which adds
 * {@code -prof gc} for the allocation rate; see docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningSteps {

    private Path work;
    private Sandbox sandbox;
    private PkiEntity seal;
    private byte[] documentBytes;
    private DSSDocument document;
    private ASiCWithCAdESService service;
    private DSSDocument containerB;
    private DSSDocument containerLT;
    private CommonCertificateVerifier offline;
    private ValidationPolicy policy;
    private AsicContainerWriter writer;
    private List<DataFile> files;
    private Manifest manifest;
    private SignatureArtifact signature;

    @Setup
    public void setUp() throws Exception {
        // DSS warns per signature about what the sandbox deliberately lacks; it would drown the results.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("eu.europa.esig.dss"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        work = Files.createTempDirectory("jmh-signing-steps");
        sandbox = Sandbox.start(new SandboxSettings(work.resolve("sandbox"), "127.0.0.1", 0));
        seal = sandbox.pki().entity(SandboxEntities.SEAL);
        Path input =
                BenchDocuments.write(work.resolve("in"), "JMH", 1, 20_000, 7).get(0);
        documentBytes = Files.readAllBytes(input);
        document = new FileDocument(input.toFile());

        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(sandbox.pki().root().certificate()));
        trusted.addCertificate(new CertificateToken(sandbox.pki().issuingCa().certificate()));
        CommonCertificateVerifier signing = new CommonCertificateVerifier();
        signing.setTrustedCertSources(trusted);
        signing.setOcspSource(new CachingOcspSource(
                new OnlineOCSPSource(), Duration.ofMinutes(5), 1000, TestClock.system(), new SimpleMeterRegistry()));
        signing.setCrlSource(null);
        signing.setAIASource(null);
        service = new ASiCWithCAdESService(signing);
        service.setTspSource(new OnlineTSPSource(sandbox.tsaUrl().toString()));
        offline = new CommonCertificateVerifier();
        offline.setTrustedCertSources(trusted);
        offline.setOcspSource(null);
        offline.setCrlSource(null);
        offline.setAIASource(null);
        policy = ValidationPolicyLoader.fromDefaultValidationPolicy().create();

        containerB = signB();
        containerLT = extendToLT();

        FileSystemBlobStore blobs = new FileSystemBlobStore(work.resolve("blobs"));
        files = List.of(new DataFile(
                input.getFileName().toString(),
                blobs.put("jmh", Files.newInputStream(input), "application/xml", Long.MAX_VALUE)));
        writer = new AsicContainerWriter(blobs);
        try (ZipInputStream zip = new ZipInputStream(containerLT.openStream())) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().startsWith("META-INF/ASiCManifest")) {
                    manifest =
                            new Manifest(AsicLayout.MANIFEST_ENTRY, AsicLayout.MANIFEST_MEDIA_TYPE, zip.readAllBytes());
                } else if (entry.getName().endsWith(".p7s")) {
                    signature = new SignatureArtifact(
                            AsicLayout.SIGNATURE_ENTRY, zip.readAllBytes(), dev.signingsuite.events.SignatureLevel.LT);
                }
            }
        }
    }

    @TearDown
    public void tearDown() {
        sandbox.close();
    }

    private ASiCWithCAdESSignatureParameters parameters(SignatureLevel level) {
        ASiCWithCAdESSignatureParameters parameters = new ASiCWithCAdESSignatureParameters();
        parameters.aSiC().setContainerType(ASiCContainerType.ASiC_E);
        parameters.setSignatureLevel(level);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(new CertificateToken(seal.certificate()));
        parameters.setCertificateChain(
                seal.chain().stream().map(CertificateToken::new).toList());
        return parameters;
    }

    @Benchmark
    public byte[] digest() throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(documentBytes);
    }

    @Benchmark
    public ToBeSigned dataToSign() {
        return service.getDataToSign(document, parameters(SignatureLevel.CAdES_BASELINE_B));
    }

    /** Data to be signed, the seal's RSA key, the B-level ASiC-E in memory. */
    @Benchmark
    public DSSDocument signB() throws Exception {
        ASiCWithCAdESSignatureParameters parameters = parameters(SignatureLevel.CAdES_BASELINE_B);
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        SignatureAlgorithm algorithm =
                SignatureAlgorithm.getAlgorithm(parameters.getEncryptionAlgorithm(), DigestAlgorithm.SHA256);
        Signature signer = Signature.getInstance(algorithm.getJCEId());
        signer.initSign(seal.privateKey());
        signer.update(toBeSigned.getBytes());
        return service.signDocument(document, parameters, new SignatureValue(algorithm, signer.sign()));
    }

    /** B to LT: a timestamp from the sandbox TSA over loopback, OCSP from the cache. */
    @Benchmark
    public DSSDocument extendToLT() {
        return service.extendDocument(containerB, parameters(SignatureLevel.CAdES_BASELINE_LT));
    }

    /** The suite's own writer: mimetype stored first, the document from the blob store, manifest, signature. */
    @Benchmark
    public long containerWrite() throws Exception {
        Path target = work.resolve("written.asice");
        writer.write(target, files, manifest, signature);
        return Files.size(target);
    }

    /** LT validated offline with the policy loaded once, as container-service does. */
    @Benchmark
    public SimpleReport validateLT() {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(containerLT);
        validator.setCertificateVerifier(offline);
        validator.setEnableEtsiValidationReport(false);
        return validator.validateDocument(policy).getSimpleReport();
    }
}
