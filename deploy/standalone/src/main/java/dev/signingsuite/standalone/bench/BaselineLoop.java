package dev.signingsuite.standalone.bench;

import dev.signingsuite.augmentation.trust.CachingOcspSource;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import eu.europa.esig.dss.asic.cades.ASiCWithCAdESSignatureParameters;
import eu.europa.esig.dss.asic.cades.signature.ASiCWithCAdESService;
import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.signature.ASiCWithXAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline the suite is measured against: one process doing the same work per document with
 * DSS and the sandbox, on the number of threads that proved fastest, written the way a careful
 * engineer would (one service and verifier shared by all threads, the policy loaded once, OCSP responses
 * cached per certificate, LT and LTA validated offline): digest and data to be signed, the seal's
 * key signs, B to the requested level against the TSA and OCSP, the ASiC-E (CAdES or XAdES) or the
 * signed PDF (PAdES) written and validated; the format is the one the suite is benched in.
 */
public final class BaselineLoop {

    private final ASiCWithCAdESService service;
    private final ASiCWithXAdESService xades;
    private final PAdESService pades;
    private final SignatureFormat format;
    private final PkiEntity seal;
    private final CommonCertificateVerifier validationVerifier;
    private final ValidationPolicy policy;
    private final eu.europa.esig.dss.enumerations.SignatureLevel level;

    public BaselineLoop(Sandbox sandbox, dev.signingsuite.events.SignatureLevel level) {
        this(sandbox, SignatureFormat.ASIC_E_CADES, level);
    }

    /** The same work in {@code format}: ASiC-E with CAdES or XAdES, or PAdES (the PDF signed in itself). */
    public BaselineLoop(Sandbox sandbox, SignatureFormat format, dev.signingsuite.events.SignatureLevel level) {
        this.seal = sandbox.pki().entity(SandboxEntities.SEAL);
        this.format = format;
        String family = switch (format) {
            case ASIC_E_CADES -> "CAdES";
            case ASIC_E_XADES -> "XAdES";
            case PADES -> "PAdES";
            // bench --format offers the formats of documents only.
            case CADES_DETACHED, XADES_DETACHED ->
                throw new IllegalArgumentException("the baseline loop seals documents, not digests");
        };
        this.level = eu.europa.esig.dss.enumerations.SignatureLevel.valueByName(family + "-BASELINE-" + level);
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(sandbox.pki().root().certificate()));
        trusted.addCertificate(new CertificateToken(sandbox.pki().issuingCa().certificate()));

        CommonCertificateVerifier signingVerifier = new CommonCertificateVerifier();
        signingVerifier.setTrustedCertSources(trusted);
        signingVerifier.setOcspSource(new CachingOcspSource(
                new OnlineOCSPSource(), Duration.ofMinutes(5), 10_000, Clock.systemUTC(), new SimpleMeterRegistry()));
        signingVerifier.setCrlSource(null);
        signingVerifier.setAIASource(null);
        OnlineTSPSource tsa = new OnlineTSPSource(sandbox.tsaUrl().toString());
        this.service = new ASiCWithCAdESService(signingVerifier);
        this.service.setTspSource(tsa);
        this.xades = new ASiCWithXAdESService(signingVerifier);
        this.xades.setTspSource(tsa);
        this.pades = new PAdESService(signingVerifier);
        this.pades.setTspSource(tsa);

        boolean embedsRevocationData = level == dev.signingsuite.events.SignatureLevel.LT
                || level == dev.signingsuite.events.SignatureLevel.LTA;
        this.validationVerifier = new CommonCertificateVerifier();
        validationVerifier.setTrustedCertSources(trusted);
        validationVerifier.setOcspSource(embedsRevocationData ? null : signingVerifier.getOcspSource());
        validationVerifier.setCrlSource(null);
        validationVerifier.setAIASource(null);
        this.policy = ValidationPolicyLoader.fromDefaultValidationPolicy().create();
    }

    private <P extends AbstractSignatureParameters<?>> P withSeal(P parameters) {
        parameters.setSignatureLevel(level);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(new CertificateToken(seal.certificate()));
        parameters.setCertificateChain(
                seal.chain().stream().map(CertificateToken::new).toList());
        return parameters;
    }

    // The seal's key, in this process: the baseline has no remote signer.
    private SignatureValue sign(ToBeSigned toBeSigned, AbstractSignatureParameters<?> parameters)
            throws GeneralSecurityException {
        SignatureAlgorithm algorithm =
                SignatureAlgorithm.getAlgorithm(parameters.getEncryptionAlgorithm(), DigestAlgorithm.SHA256);
        Signature signer = Signature.getInstance(algorithm.getJCEId());
        signer.initSign(seal.privateKey());
        signer.update(toBeSigned.getBytes());
        return new SignatureValue(algorithm, signer.sign());
    }

    /** Seals every document into {@code outputDir} on {@code threads} threads; returns the elapsed time. */
    public Duration run(List<Path> documents, Path outputDir, int threads) throws Exception {
        Files.createDirectories(outputDir);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        AtomicInteger count = new AtomicInteger();
        // Named, so that the bench can tell the loop's CPU from the idle suite's beside it.
        ExecutorService pool = Executors.newFixedThreadPool(
                threads, runnable -> new Thread(runnable, ThreadGroups.BASELINE_PREFIX + count.incrementAndGet()));
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < documents.size(); i = next.getAndIncrement()) {
                        sealOne(documents.get(i), outputDir);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    void sealOne(Path input, Path outputDir) throws IOException, GeneralSecurityException {
        DSSDocument document = new FileDocument(input.toFile());
        DSSDocument sealed = switch (format) {
            case ASIC_E_CADES -> {
                ASiCWithCAdESSignatureParameters parameters = new ASiCWithCAdESSignatureParameters();
                parameters.aSiC().setContainerType(ASiCContainerType.ASiC_E);
                yield service.signDocument(
                        document, parameters, sign(service.getDataToSign(document, withSeal(parameters)), parameters));
            }
            case ASIC_E_XADES -> {
                ASiCWithXAdESSignatureParameters parameters = new ASiCWithXAdESSignatureParameters();
                parameters.aSiC().setContainerType(ASiCContainerType.ASiC_E);
                yield xades.signDocument(
                        document, parameters, sign(xades.getDataToSign(document, withSeal(parameters)), parameters));
            }
            case PADES -> {
                PAdESSignatureParameters parameters = new PAdESSignatureParameters();
                yield pades.signDocument(
                        document, parameters, sign(pades.getDataToSign(document, withSeal(parameters)), parameters));
            }
            case CADES_DETACHED, XADES_DETACHED -> throw new IllegalStateException("refused by the constructor");
        };
        String name = input.getFileName() + (format == SignatureFormat.PADES ? "" : ".asice");
        Path target = outputDir.resolve(name);
        try (OutputStream out = Files.newOutputStream(target)) {
            sealed.writeTo(out);
        }
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(target.toFile()));
        validator.setCertificateVerifier(validationVerifier);
        validator.setEnableEtsiValidationReport(false);
        var simple = validator.validateDocument(policy).getSimpleReport();
        Indication indication = simple.getIndication(simple.getFirstSignatureId());
        if (indication != Indication.TOTAL_PASSED) {
            throw new IllegalStateException("baseline container " + target + " did not validate: " + indication + " "
                    + simple.getSubIndication(simple.getFirstSignatureId()));
        }
    }
}
