package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordInvariantsTest {

    private static final BlobRef BLOB = new BlobRef("s3://b/k", 3, "application/pdf", "a".repeat(64));
    private static final DataFile FILE = new DataFile("a.pdf", BLOB);
    private static final SignerRef SIGNER = new SignerRef(Provider.CSC, "credential-1");

    private static DocumentReceived received(String documentId, List<DataFile> files) {
        return new DocumentReceived(
                1,
                documentId,
                "batch-1",
                "acme",
                null,
                SIGNER,
                SignatureFormat.PADES,
                SignatureLevel.T,
                files,
                Instant.EPOCH);
    }

    @Test
    void padesCarriesThePdfRevisionWhoseSigningDateIsTheSignatures() {
        Instant signed = Instant.parse("2026-11-23T09:00:00Z");
        PdfRevision revision = new PdfRevision(signed, "SHA256", new byte[32]);
        byte[] certificate = {0x30};

        assertThatThrownBy(() -> new SignatureParameters(
                        SignatureFormat.PADES,
                        SignatureLevel.LT,
                        "SHA256",
                        "RSA_SHA256",
                        signed,
                        certificate,
                        List.of()))
                .hasMessageContaining("pdfRevision");
        assertThatThrownBy(() -> new SignatureParameters(
                        SignatureFormat.PADES,
                        SignatureLevel.LT,
                        "SHA256",
                        "RSA_SHA256",
                        signed.plusSeconds(1),
                        certificate,
                        List.of(),
                        revision))
                .hasMessageContaining("the PDF revision's signing date");
        assertThatThrownBy(() -> new PdfRevision(signed.plusMillis(1), "SHA256", new byte[32]))
                .hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> new HashComputed(
                        1,
                        "d",
                        "b",
                        "t",
                        null,
                        SIGNER,
                        SignatureFormat.PADES,
                        SignatureLevel.LT,
                        "SHA256",
                        List.of(FILE),
                        null,
                        signed))
                .hasMessageContaining("pdfRevision");
        assertThat(new HashComputed(
                                1,
                                "d",
                                "b",
                                "t",
                                null,
                                SIGNER,
                                SignatureFormat.PADES,
                                SignatureLevel.LT,
                                "SHA256",
                                List.of(FILE),
                                null,
                                signed,
                                revision)
                        .pdfRevision())
                .isEqualTo(revision);
    }

    @Test
    void copiesLists() {
        List<DataFile> files = new ArrayList<>(List.of(FILE));
        DocumentReceived event = received("doc-1", files);
        files.clear();

        assertThat(event.files()).containsExactly(FILE);
        assertThatThrownBy(() -> event.files().add(FILE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void messagesNameTheFaultyField() {
        assertThatThrownBy(() -> received(" ", List.of(FILE))).hasMessageStartingWith("documentId");
        assertThatThrownBy(() -> received("doc-1", List.of())).hasMessage("files must hold at least one element");
        assertThatThrownBy(() -> new SignerRef(null, "x")).hasMessage("provider is required");
        assertThatThrownBy(() -> new BlobRef("s3://b/k", -1, "application/pdf", "a".repeat(64)))
                .hasMessageStartingWith("size");
        assertThatThrownBy(() -> new BlobRef("s3://b/k", 1, "application/pdf", "A".repeat(64)))
                .hasMessageStartingWith("sha256");
        assertThatThrownBy(() -> new DataFile("../x", BLOB)).hasMessageStartingWith("file name");
        assertThatThrownBy(() -> new Manifest("META-INF/ASiCManifest.xml", "text/xml", new byte[0]))
                .hasMessageStartingWith("content");
        assertThatThrownBy(() -> new RemoteSession(null, null, null, null)).hasMessageStartingWith("sessionId");
        assertThatThrownBy(() -> new SignatureParameters(
                        SignatureFormat.ASIC_E_CADES,
                        SignatureLevel.LT,
                        "SHA256",
                        "ECDSA_SHA256",
                        null,
                        new byte[] {0x30},
                        null))
                .hasMessage("signingDate is required");
    }

    @Test
    void anIntakeRecordCarriesItsContentInlineOrInTheTenantsBucketButNotBoth() {
        ContentObject object = new ContentObject("s3://acme-out/invoices/a.pdf", "a".repeat(64));

        assertThat(submitted(null, object).contentObject()).isEqualTo(object);
        assertThatThrownBy(() -> submitted(new byte[] {1}, object)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> submitted(null, null)).hasMessageStartingWith("content");
        assertThatThrownBy(() -> new ContentObject("https://acme-out/a.pdf", "a".repeat(64)))
                .hasMessageStartingWith("contentObject.uri");
        assertThatThrownBy(() -> new ContentObject("s3://acme-out/in/../other/a.pdf", "a".repeat(64)))
                .hasMessageStartingWith("contentObject.uri");
        assertThatThrownBy(() -> new ContentObject("s3://acme-out/a.pdf", "A".repeat(64)))
                .hasMessageStartingWith("contentObject.sha256");
    }

    private static DocumentSubmitted submitted(byte[] content, ContentObject object) {
        return new DocumentSubmitted(
                1,
                "acme",
                "ref-1",
                null,
                "a.pdf",
                "application/pdf",
                content,
                new SignerRef(Provider.CSC, "seal"),
                null,
                null,
                object);
    }

    @Test
    void certificateChainDefaultsToEmpty() {
        SignatureParameters parameters = new SignatureParameters(
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                "SHA256",
                "RSA_SSA_PSS_SHA256_MGF1",
                Instant.EPOCH,
                new byte[] {0x30},
                null);
        assertThat(parameters.certificateChain()).isEmpty();
    }

    @Test
    void schemaVersionMustBePositive() {
        assertThatThrownBy(() -> new DocumentFailed(
                        0, "d", "b", "t", null, FailureStage.HASH, FailureReason.INTERNAL_ERROR, "boom", Instant.EPOCH))
                .hasMessageStartingWith("schemaVersion");
    }

    @Test
    void providerIdsAreLowercase() {
        assertThat(Provider.fromId("SmartID")).isEqualTo(Provider.SMARTID);
        assertThat(Provider.CSC.id()).isEqualTo("csc");
        assertThatThrownBy(() -> Provider.fromId("mobileid")).hasMessageContaining("mobileid");
    }

    @Test
    void onlyAPendingCertificateChoiceMayLackParameters() {
        Instant at = Instant.EPOCH;
        RemoteSession session = new RemoteSession("s-1", null, null, null);
        CertificateChoice choice = new CertificateChoice(SignatureFormat.ASIC_E_CADES, SignatureLevel.LT, at, "s-1");
        SignerRef signer = new SignerRef(Provider.SMARTID, "device-link");
        assertThat(new SignatureRequested(
                                1,
                                "doc-1",
                                "b-1",
                                "acme",
                                null,
                                signer,
                                List.of(FILE),
                                null,
                                null,
                                null,
                                session,
                                at,
                                choice,
                                null)
                        .awaitsCertificateChoice())
                .isTrue();
        assertThatThrownBy(() -> new SignatureRequested(
                        1, "doc-1", "b-1", "acme", null, signer, List.of(FILE), null, null, null, session, at))
                .hasMessage("parameters is required");
        assertThatThrownBy(() -> new SignatureRequested(
                        1,
                        "doc-1",
                        "b-1",
                        "acme",
                        null,
                        signer,
                        List.of(FILE),
                        null,
                        null,
                        null,
                        null,
                        at,
                        choice,
                        null))
                .hasMessage("session is required");
        assertThatThrownBy(() -> new SignatureRequested(
                        1,
                        "doc-1",
                        "b-1",
                        "acme",
                        null,
                        signer,
                        List.of(FILE),
                        null,
                        null,
                        new byte[] {1},
                        session,
                        at,
                        choice,
                        null))
                .hasMessage("dataToSignDigest without parameters");
        assertThatThrownBy(() -> new CertificateChoice(SignatureFormat.ASIC_E_CADES, SignatureLevel.LT, at, " "))
                .hasMessageStartingWith("choiceSessionId");
    }

    @Test
    void aCompletedBatchsCountsAddUp() {
        BatchCompleted completed =
                new BatchCompleted(1, "acme", "batch-1", 3, 1, 2, java.util.Map.of("TIMEOUT", 2), Instant.EPOCH);
        assertThat(completed.failuresByReason()).containsEntry("TIMEOUT", 2);
        assertThat(BatchCompleted.keyOf("acme", "batch-1")).isEqualTo("acme/batch-1");

        assertThatThrownBy(() -> new BatchCompleted(
                        1, "acme", "batch-1", 3, 2, 2, java.util.Map.of("TIMEOUT", 2), Instant.EPOCH))
                .hasMessageContaining("add up to documents (3)");
        assertThatThrownBy(() -> new BatchCompleted(
                        1, "acme", "batch-1", 3, 1, 2, java.util.Map.of("TIMEOUT", 1), Instant.EPOCH))
                .hasMessageContaining("failuresByReason must add up to failed (2)");
        assertThatThrownBy(() -> new BatchCompleted(1, "acme", "batch 1", 1, 1, 0, null, Instant.EPOCH))
                .hasMessageContaining("batchId");
    }

    @Test
    void aLoginCallbackCarriesACodeOrAnErrorAndItsState() {
        Instant at = Instant.EPOCH;
        assertThat(new LoginCallbackReceived(1, "s", null, "access_denied", "suspended", at).error())
                .isEqualTo("access_denied");
        assertThatThrownBy(() -> new LoginCallbackReceived(1, "s", "c", "access_denied", null, at))
                .hasMessageContaining("either a code or an error");
        assertThatThrownBy(() -> new LoginCallbackReceived(1, "s", null, null, null, at))
                .hasMessageContaining("either a code or an error");
        assertThatThrownBy(() -> new LoginCallbackReceived(1, " ", "c", null, null, at))
                .hasMessageContaining("state");
    }
}
