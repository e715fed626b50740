package dev.signingsuite.augmentation;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContentDigest;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.signature.AsicManifests;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.signature.DssSignatures;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;

/**
 * Real {@link SignatureReturned} events, as a provider writes them: the manifest from digests, the
 * parameters from {@link DssParameters#describe}, the data to sign from DSS, and the value signed
 * with a sandbox entity's private key (the remote signer's part).
 */
public final class ReturnedSignatures {

    private static final DssSignatures SIGNATURES = new DssSignatures(new CommonCertificateVerifier());

    private ReturnedSignatures() {}

    public static SignatureReturned signedBy(PkiEntity signer, SignatureLevel level, String documentId) {
        return signedBy(signer, level, documentId, SignatureFormat.ASIC_E_CADES);
    }

    public static SignatureReturned signedBy(
            PkiEntity signer, SignatureLevel level, String documentId, SignatureFormat format) {
        DataFile invoice = file("invoice-" + documentId + ".pdf", invoiceContent(documentId));
        // XAdES references each file: two, one with a space, show every reference is built.
        List<DataFile> files = switch (format) {
            case ASIC_E_XADES -> List.of(invoice, file("terms " + documentId + ".pdf", termsContent(documentId)));
            // Digest signing: the client kept the invoice and sent only its digest.
            case CADES_DETACHED, XADES_DETACHED ->
                List.of(new DataFile(
                        "document",
                        null,
                        new ContentDigest(
                                "SHA256", sha256(invoiceContent(documentId).getBytes(UTF_8)))));
            default -> List.of(invoice);
        };
        Manifest manifest = format.detached() ? null : AsicManifests.forFiles(format, files);
        SignatureParameters parameters = describe(signer, level, format);
        byte[] dataToSign = SIGNATURES.dataToSign(parameters, files, manifest).getBytes();
        return new SignatureReturned(
                SignatureReturned.SCHEMA_VERSION,
                documentId,
                "batch-" + documentId,
                "demo",
                "ref-" + documentId,
                new SignerRef(Provider.CSC, "sandbox-" + signer.name()),
                files,
                manifest,
                parameters,
                sign(signer, dataToSign),
                TestClock.now());
    }

    /**
     * Stores the files {@link #signedBy} names for {@code documentId} (tenant {@code demo}), so that a
     * stage that reads them (XAdES at LTA) finds them under the same references.
     */
    public static void storeFiles(BlobStore blobs, String documentId) throws java.io.IOException {
        for (String content : List.of(invoiceContent(documentId), termsContent(documentId))) {
            blobs.put("demo", new java.io.ByteArrayInputStream(content.getBytes(UTF_8)), "application/pdf", 1024);
        }
    }

    /** The same event with one bit of the signature value flipped. */
    public static SignatureReturned tampered(SignatureReturned returned) {
        byte[] value = returned.signatureValue().clone();
        value[value.length / 2] ^= 0x01;
        return new SignatureReturned(
                returned.schemaVersion(),
                returned.documentId(),
                returned.batchId(),
                returned.tenantId(),
                returned.clientReference(),
                returned.signer(),
                returned.files(),
                returned.manifest(),
                returned.parameters(),
                value,
                returned.returnedAt());
    }

    private static SignatureParameters describe(PkiEntity signer, SignatureLevel level, SignatureFormat format) {
        List<CertificateToken> issuers = signer
                .chain()
                .subList(1, signer.chain().size())
                .stream()
                .map(CertificateToken::new)
                .toList();
        return DssParameters.describe(
                format,
                level,
                SignatureAlgorithm.RSA_SHA256,
                TestClock.now(),
                new CertificateToken(signer.certificate()),
                issuers);
    }

    /** The remote signer's part: {@code dataToSign} signed with the entity's key, RSA with SHA-256. */
    public static byte[] sign(PkiEntity signer, byte[] dataToSign) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signer.privateKey());
            signature.update(dataToSign);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + signer, e);
        }
    }

    /** The content whose digest {@link #signedBy} sends for {@link SignatureFormat#CADES_DETACHED}. */
    public static String invoiceContent(String documentId) {
        return "%PDF-1.7 invoice " + documentId;
    }

    private static String termsContent(String documentId) {
        return "%PDF-1.7 terms " + documentId;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataFile file(String name, String content) {
        try {
            String sha256 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(UTF_8)));
            return new DataFile(name, new BlobRef("fs:demo/" + sha256, content.length(), "application/pdf", sha256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
