package dev.signingsuite.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.config.GatewayProperties.AllowedSigner;
import dev.signingsuite.gateway.config.GatewayProperties.Tenant;
import dev.signingsuite.testsupport.SampleEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class IntakeAcceptorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path blobRoot;

    private BlobStore blobs;
    private IntakeAcceptor acceptor;

    @BeforeEach
    void setUp() throws IOException {
        blobs = new FileSystemBlobStore(blobRoot);
        GatewayProperties properties = new GatewayProperties(
                DataSize.ofBytes(64),
                1000,
                Map.of(
                        SampleEvents.TENANT,
                        new Tenant(
                                List.of("demo-key"),
                                List.of(
                                        new AllowedSigner(Provider.CSC, "sandbox-seal"),
                                        new AllowedSigner(Provider.SMARTID, "*")))));
        acceptor =
                new IntakeAcceptor(properties, blobs, TenantObjectsTest.inlineOnly(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void acceptedDocumentIsStoredAndDescribedByReference() throws IOException {
        DocumentSubmitted submitted = SampleEvents.submitted("inv-1", Provider.CSC, "sandbox-seal");

        DocumentEvent outcome = acceptor.accept(submitted);

        assertThat(outcome).isInstanceOf(DocumentReceived.class);
        DocumentReceived received = (DocumentReceived) outcome;
        assertThat(received.tenantId()).isEqualTo(SampleEvents.TENANT);
        assertThat(received.batchId()).as("a lone document is a batch of one").isEqualTo(received.documentId());
        assertThat(received.receivedAt()).isEqualTo(NOW);
        assertThat(received.level()).isEqualTo(submitted.level());
        try (InputStream in = blobs.open(received.files().get(0).blob())) {
            assertThat(in.readAllBytes()).isEqualTo(submitted.content());
        }
    }

    @Test
    void theSameClientReferenceAlwaysNamesTheSameDocument() {
        DocumentSubmitted submitted = SampleEvents.submitted("inv-2", Provider.CSC, "sandbox-seal");

        assertThat(acceptor.accept(submitted).documentId())
                .isEqualTo(acceptor.accept(submitted).documentId())
                .isEqualTo(IntakeAcceptor.documentIdFor(SampleEvents.TENANT, "inv-2"))
                .isNotEqualTo(IntakeAcceptor.documentIdFor("other-tenant", "inv-2"));
    }

    @Test
    void wildcardIdentityAllowsAnyPersonOfThatProvider() {
        assertThat(acceptor.accept(SampleEvents.submitted("inv-3", Provider.SMARTID, "PNOEE-30303039914")))
                .isInstanceOf(DocumentReceived.class);
    }

    @Test
    void aSignerOfAnotherTenantIsRefused() {
        DocumentEvent outcome = acceptor.accept(SampleEvents.submitted("inv-4", Provider.CSC, "someone-elses-seal"));

        assertFailed(outcome, FailureReason.SIGNER_NOT_ALLOWED);
        assertThat(((DocumentFailed) outcome).message()).contains("someone-elses-seal");
    }

    @Test
    void anUnknownTenantIsRefused() {
        DocumentSubmitted fromStranger = new DocumentSubmitted(
                DocumentSubmitted.SCHEMA_VERSION,
                "stranger",
                "inv-5",
                null,
                "a.pdf",
                "application/pdf",
                new byte[] {1},
                SampleEvents.submitted("x", Provider.CSC, "sandbox-seal").signer(),
                null,
                null);

        assertFailed(acceptor.accept(fromStranger), FailureReason.SIGNER_NOT_ALLOWED);
    }

    @Test
    void aDocumentOverTheLimitIsRefusedAndNotStored() throws IOException {
        DocumentSubmitted big = new DocumentSubmitted(
                DocumentSubmitted.SCHEMA_VERSION,
                SampleEvents.TENANT,
                "inv-6",
                "batch-7",
                "big.pdf",
                "application/pdf",
                new byte[65],
                SampleEvents.submitted("x", Provider.CSC, "sandbox-seal").signer(),
                null,
                null);

        DocumentEvent outcome = acceptor.accept(big);

        assertFailed(outcome, FailureReason.DOCUMENT_TOO_LARGE);
        assertThat(outcome.batchId()).isEqualTo("batch-7");
        assertThat(blobRoot.resolve(SampleEvents.TENANT)).doesNotExist();
    }

    @Test
    void aNameTheContainerCouldNotHoldIsRefusedBeforeAnythingIsStored() {
        // 250 UTF-8 bytes: safe as a ZIP entry, but <name>.asice would be 256.
        String name = "õ".repeat(121) + "€" + "a.pdf";
        DocumentSubmitted submitted = new DocumentSubmitted(
                DocumentSubmitted.SCHEMA_VERSION,
                SampleEvents.TENANT,
                "inv-8",
                null,
                name,
                "application/pdf",
                new byte[] {1},
                SampleEvents.submitted("x", Provider.CSC, "sandbox-seal").signer(),
                null,
                null);

        DocumentEvent outcome = acceptor.accept(submitted);

        assertFailed(outcome, FailureReason.INVALID_FILE_NAME);
        assertThat(((DocumentFailed) outcome).message()).contains("249");
        assertThat(blobRoot.resolve(SampleEvents.TENANT)).doesNotExist();
    }

    private static void assertFailed(DocumentEvent outcome, FailureReason reason) {
        assertThat(outcome).isInstanceOf(DocumentFailed.class);
        DocumentFailed failed = (DocumentFailed) outcome;
        assertThat(failed.reason()).isEqualTo(reason);
        assertThat(failed.stage()).isEqualTo(FailureStage.GATEWAY);
        assertThat(failed.failedAt()).isEqualTo(NOW);
    }
}
