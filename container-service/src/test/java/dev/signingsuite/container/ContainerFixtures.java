package dev.signingsuite.container;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureArtifact;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.signature.AsicLayout;
import dev.signingsuite.signature.AsicManifests;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.signature.DssSignatures;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Real inputs for container-service: documents in a filesystem blob store and signatures made the
 * way the pipeline makes them (provider: {@code getDataToSign} and the seal's key; augmentation:
 * {@code signDocument}, then {@code extendDocument} to T and LT against the sandbox's TSA and OCSP).
 */
public final class ContainerFixtures implements AutoCloseable {

    public static final String TENANT = "demo";

    private final Sandbox sandbox;
    private final Path blobRoot;
    private final Path trustAnchors;
    private final FileSystemBlobStore blobs;
    private final PkiEntity seal;
    private final DssSignatures signatures;
    private final Random random = new Random(42);

    private ContainerFixtures(Sandbox sandbox, Path blobRoot, Path trustAnchors) throws IOException {
        this.sandbox = sandbox;
        this.blobRoot = blobRoot;
        this.trustAnchors = trustAnchors;
        this.blobs = new FileSystemBlobStore(blobRoot);
        this.seal = sandbox.pki().entity(SandboxEntities.SEAL);
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(sandbox.pki().root().certificate()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        // The sandbox's issuing CA names no OCSP or CRL location: nothing more can be fetched for it.
        verifier.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
        this.signatures =
                new DssSignatures(verifier, new OnlineTSPSource(sandbox.tsaUrl().toString()));
    }

    /** Starts a sandbox on a free port with its PKI and the blob store under {@code dir}. */
    public static ContainerFixtures start(Path dir) throws IOException {
        Sandbox sandbox = Sandbox.start(new SandboxSettings(dir.resolve("sandbox"), "127.0.0.1", 0));
        // The sandbox exports its root and its issuing CA: the issuing CA names no OCSP or CRL
        // location, as in EU trusted lists, where the issuing CA is the trust anchor.
        Path trustAnchors = sandbox.trustAnchorPem();
        // Only the root, to show why the issuing CA must be trusted too.
        Files.writeString(dir.resolve("root-only.pem"), pem(sandbox.pki().root().certificate()), US_ASCII);
        return new ContainerFixtures(sandbox, dir.resolve("blobs"), trustAnchors);
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path blobRoot() {
        return blobRoot;
    }

    /** The sandbox's root and its issuing CA, PEM: what container-service is configured to trust. */
    public Path trustAnchors() {
        return trustAnchors;
    }

    /** The sandbox's root certificate alone, PEM. */
    public Path sandboxRoot() {
        return blobRoot.resolveSibling("root-only.pem");
    }

    public FileSystemBlobStore blobs() {
        return blobs;
    }

    public DataFile store(String name, byte[] content) {
        try {
            return new DataFile(
                    name, blobs.put(TENANT, new ByteArrayInputStream(content), "application/pdf", Long.MAX_VALUE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes that do not compress much, like a real PDF. */
    public byte[] document(int size) {
        byte[] content = new byte[size];
        random.nextBytes(content);
        return content;
    }

    /** One stored document signed at LT. */
    public SignatureAugmented signedDocument(String documentId, String fileName) {
        return signed(documentId, "batch-" + documentId, List.of(store(fileName, document(20_000))), SignatureLevel.LT);
    }

    /** {@code files} signed together at {@code level}, as augmentation-service hands them on. */
    public SignatureAugmented signed(String documentId, String batchId, List<DataFile> files, SignatureLevel level) {
        return signed(documentId, batchId, files, level, SignatureFormat.ASIC_E_CADES);
    }

    /** {@code files} signed together in {@code format} at {@code level}. */
    public SignatureAugmented signed(
            String documentId, String batchId, List<DataFile> files, SignatureLevel level, SignatureFormat format) {
        Manifest manifest = format.detached() ? null : AsicManifests.forFiles(format, files);
        SignatureParameters parameters = describe(format, level);
        ToBeSigned toBeSigned = signatures.dataToSign(parameters, files, manifest);
        DSSDocument signed = signatures.sign(
                parameters,
                files,
                manifest,
                new SignatureValue(SignatureAlgorithm.RSA_SHA256, sign(toBeSigned.getBytes())));
        for (SignatureLevel step : List.of(SignatureLevel.T, SignatureLevel.LT, SignatureLevel.LTA)) {
            if (step.ordinal() <= level.ordinal()) {
                signed = signatures.extend(signed, parameters, files, manifest, step);
            }
        }
        return new SignatureAugmented(
                SignatureAugmented.SCHEMA_VERSION,
                documentId,
                batchId,
                TENANT,
                "ref-" + documentId,
                files,
                manifest,
                parameters,
                new SignatureArtifact(
                        switch (format) {
                            case CADES_DETACHED -> files.get(0).name() + ".p7s";
                            case XADES_DETACHED -> files.get(0).name() + ".xml";
                            default -> AsicLayout.signatureEntry(format);
                        },
                        bytes(signed),
                        level),
                TestClock.now());
    }

    /** The same event naming other data files (the manifest and signature stay as they were). */
    public static SignatureAugmented withFiles(SignatureAugmented event, List<DataFile> files) {
        return new SignatureAugmented(
                event.schemaVersion(),
                event.documentId(),
                event.batchId(),
                event.tenantId(),
                event.clientReference(),
                files,
                event.manifest(),
                event.parameters(),
                event.signature(),
                event.augmentedAt());
    }

    /** The same event whose CMS signature value has one bit flipped. */
    public static SignatureAugmented withTamperedSignatureValue(SignatureAugmented event) throws Exception {
        byte[] cms = event.signature().content().clone();
        byte[] value = new CMSSignedData(cms).getSignerInfos().iterator().next().getSignature();
        int at = indexOf(cms, value);
        cms[at + value.length - 1] ^= 0x01;
        return new SignatureAugmented(
                event.schemaVersion(),
                event.documentId(),
                event.batchId(),
                event.tenantId(),
                event.clientReference(),
                event.files(),
                event.manifest(),
                event.parameters(),
                new SignatureArtifact(
                        event.signature().entryName(), cms, event.signature().level()),
                event.augmentedAt());
    }

    @Override
    public void close() {
        sandbox.close();
    }

    private SignatureParameters describe(SignatureFormat format, SignatureLevel level) {
        List<CertificateToken> chain = seal.chain().subList(1, seal.chain().size()).stream()
                .map(CertificateToken::new)
                .toList();
        return DssParameters.describe(
                format,
                level,
                SignatureAlgorithm.RSA_SHA256,
                TestClock.now(),
                new CertificateToken(seal.certificate()),
                chain);
    }

    private byte[] sign(byte[] dataToSign) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(seal.privateKey());
            signature.update(dataToSign);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(DSSDocument document) {
        try (InputStream in = document.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException("signature value not found in the CMS");
    }
}
