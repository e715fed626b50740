package dev.signingsuite.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureArtifact;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.SignerRef;
import java.time.Instant;
import java.util.List;

/**
 * Well-formed events of one document at each stage, for tests that need a valid record rather than
 * a meaningful signature. The cryptographic content is placeholder bytes: stages that check it get
 * real material from the sandbox PKI instead.
 */
public final class SampleEvents {

    public static final String TENANT = "demo";
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");
    private static final String SHA256 = "8c4e4157ac62218e4bd1fd628d09ff214105bbde5a46f6308b7cbae93fa96183";

    private SampleEvents() {}

    public static DocumentSubmitted submitted(String clientReference, Provider provider, String identity) {
        return new DocumentSubmitted(
                DocumentSubmitted.SCHEMA_VERSION,
                TENANT,
                clientReference,
                null,
                "invoice-" + clientReference + ".pdf",
                "application/pdf",
                ("%PDF-1.7 invoice " + clientReference).getBytes(UTF_8),
                new SignerRef(provider, identity),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT);
    }

    public static DocumentReceived received(String documentId, Provider provider) {
        return received(documentId, provider, files());
    }

    /** As {@link #received(String, Provider)}, with these data files (real blobs, for a stage to read). */
    public static DocumentReceived received(String documentId, Provider provider, List<DataFile> files) {
        return new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                documentId,
                "batch-" + documentId,
                TENANT,
                "ref-" + documentId,
                signer(provider),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                files,
                AT);
    }

    /**
     * A CSC seal's document of batch {@code batchId}, received at {@code at}, without a client
     * reference: what the gateway's views and webhooks need of a batch's document.
     */
    public static DocumentReceived receivedInBatch(String documentId, String batchId, Instant at) {
        BlobRef blob = new BlobRef("s3://documents/" + documentId, 3, "application/pdf", "b".repeat(64));
        return new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                documentId,
                batchId,
                TENANT,
                null,
                new SignerRef(Provider.CSC, "sandbox-seal"),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.B,
                List.of(new DataFile("a.pdf", blob)),
                at);
    }

    /** The end of a {@link #receivedInBatch} document at the provider, for {@code reason}. */
    public static DocumentFailed failedInBatch(
            String documentId, String batchId, FailureReason reason, String message, Instant at) {
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                documentId,
                batchId,
                TENANT,
                null,
                FailureStage.PROVIDER,
                reason,
                message,
                at);
    }

    public static HashComputed hashComputed(String documentId, Provider provider) {
        return new HashComputed(
                HashComputed.SCHEMA_VERSION,
                documentId,
                "batch-" + documentId,
                TENANT,
                "ref-" + documentId,
                signer(provider),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                "SHA256",
                files(),
                manifest(),
                AT);
    }

    public static SignatureReturned signatureReturned(String documentId, Provider provider) {
        return new SignatureReturned(
                SignatureReturned.SCHEMA_VERSION,
                documentId,
                "batch-" + documentId,
                TENANT,
                "ref-" + documentId,
                signer(provider),
                files(),
                manifest(),
                parameters(),
                new byte[256],
                AT);
    }

    public static SignatureAugmented signatureAugmented(String documentId) {
        return new SignatureAugmented(
                SignatureAugmented.SCHEMA_VERSION,
                documentId,
                "batch-" + documentId,
                TENANT,
                "ref-" + documentId,
                files(),
                manifest(),
                parameters(),
                new SignatureArtifact(
                        "META-INF/signature001.p7s", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, SignatureLevel.LT),
                AT);
    }

    private static SignerRef signer(Provider provider) {
        return new SignerRef(provider, provider == Provider.SMARTID ? "PNOEE-30303039914" : "sandbox-seal");
    }

    private static List<DataFile> files() {
        return List.of(new DataFile("invoice.pdf", new BlobRef("fs:demo/" + SHA256, 10, "application/pdf", SHA256)));
    }

    private static Manifest manifest() {
        return new Manifest("META-INF/ASiCManifest.xml", "text/xml", "<ASiCManifest/>".getBytes(UTF_8));
    }

    private static SignatureParameters parameters() {
        return new SignatureParameters(
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                "SHA256",
                "RSA_SHA256",
                AT,
                new byte[] {0x30, 0x00},
                List.of(new byte[] {0x30, 0x00}));
    }
}
