package dev.signingsuite.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.CertificateChoice;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.ValidationSummary;
import dev.signingsuite.gateway.database.TestDatabases;
import dev.signingsuite.testsupport.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The store's ordering and idempotency rules against a real PostgreSQL with the real migrations. */
class StatusStoreTest {

    private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");
    private static final String SHA = "8c4e4157ac62218e4bd1fd628d09ff214105bbde5a46f6308b7cbae93fa96183";

    private static HikariDataSource dataSource;
    private static StatusStore store;

    @BeforeAll
    static void startDatabase() {
        dataSource = TestDatabases.migrated();
        store = new StatusStore(
                dataSource,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.fixed(AT, ZoneOffset.UTC));
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Test
    void aLateReceivedNeverMovesAnAssembledDocumentBack() {
        String id = UUID.randomUUID().toString();
        DocumentReceived received = SampleEvents.received(id, Provider.CSC);

        store.record(assembled(id, "demo"));
        store.record(received, StatusStore.Source.EVENTS);
        store.record(received, StatusStore.Source.EVENTS);

        DocumentRecord document = store.find("demo", id).orElseThrow();
        assertThat(document.status()).isEqualTo(DocumentStatus.ASSEMBLED);
        assertThat(document.container().name()).isEqualTo("invoice.asice");
        // What the late event knew is still filled in.
        assertThat(document.fileName()).isEqualTo("invoice.pdf");
        assertThat(document.signer().identity()).isEqualTo("sandbox-seal");
        assertThat(store.history(id))
                .extracting(HistoryEntry::status)
                .containsExactly(DocumentStatus.RECEIVED, DocumentStatus.ASSEMBLED);
    }

    @Test
    void theFirstTerminalStatusStays() {
        String id = UUID.randomUUID().toString();
        store.record(SampleEvents.received(id, Provider.CSC), StatusStore.Source.EVENTS);
        store.record(failed(id, "demo"));
        store.record(assembled(id, "demo"));

        DocumentRecord document = store.find("demo", id).orElseThrow();
        assertThat(document.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(document.failure().reason()).isEqualTo(FailureReason.DOCUMENT_UNUSABLE);
        assertThat(document.container()).isNull();
        assertThat(store.history(id))
                .as("the terminal status that lost is no step the document went through")
                .extracting(HistoryEntry::status)
                .containsExactly(DocumentStatus.RECEIVED, DocumentStatus.FAILED);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String id = UUID.randomUUID().toString();
        store.record(SampleEvents.received(id, Provider.CSC), StatusStore.Source.EVENTS);
        store.record(assembled(id, "demo"));
        DocumentRecord before = store.find("demo", id).orElseThrow();

        store.record(assembled(id, "demo"));
        store.record(SampleEvents.received(id, Provider.CSC), StatusStore.Source.EVENTS);

        assertThat(store.find("demo", id).orElseThrow()).isEqualTo(before);
        assertThat(store.history(id))
                .extracting(HistoryEntry::status)
                .containsExactly(DocumentStatus.RECEIVED, DocumentStatus.ASSEMBLED);
    }

    @Test
    void aSecondOutcomeOfTheSameAttemptChangesNeitherStatusNorHistory() {
        String id = UUID.randomUUID().toString();
        store.record(SampleEvents.received(id, Provider.CSC), StatusStore.Source.EVENTS);
        store.record(failed(id, "demo"), 0);
        DocumentRecord before = store.find("demo", id).orElseThrow();

        store.record(failed(id, "demo"), 0);
        store.record(assembled(id, "demo"), 0);
        store.record(failed(id, "demo"), 1);

        assertThat(store.find("demo", id).orElseThrow()).isEqualTo(before);
        assertThat(store.history(id))
                .extracting(HistoryEntry::status)
                .containsExactly(DocumentStatus.RECEIVED, DocumentStatus.FAILED);
    }

    @Test
    void aHigherAttemptAssemblesADocumentAnEarlierAttemptFailed() {
        String id = UUID.randomUUID().toString();
        store.record(SampleEvents.received(id, Provider.CSC), StatusStore.Source.EVENTS);
        store.record(failed(id, "demo"), 0);

        store.record(assembled(id, "demo"), 1);
        store.record(assembled(id, "demo"), 1);
        store.record(failed(id, "demo"), 1);

        DocumentRecord document = store.find("demo", id).orElseThrow();
        assertThat(document.status()).isEqualTo(DocumentStatus.ASSEMBLED);
        assertThat(document.container().name()).isEqualTo("invoice.asice");
        assertThat(document.failure())
                .as("the failure of the earlier attempt is history")
                .isNull();
        assertThat(store.history(id))
                .extracting(HistoryEntry::status)
                .containsExactly(DocumentStatus.RECEIVED, DocumentStatus.FAILED, DocumentStatus.ASSEMBLED);
    }

    @Test
    void anAssembledDocumentStaysAssembledWhateverAttemptFailsLater() {
        String id = UUID.randomUUID().toString();
        store.record(SampleEvents.received(id, Provider.CSC), StatusStore.Source.EVENTS);
        store.record(assembled(id, "demo"), 0);

        store.record(failed(id, "demo"), 2);

        assertThat(store.find("demo", id).orElseThrow().status()).isEqualTo(DocumentStatus.ASSEMBLED);
    }

    @Test
    void anotherTenantsEventCannotTouchADocument() {
        String id = UUID.randomUUID().toString();
        store.record(SampleEvents.received(id, Provider.CSC), StatusStore.Source.EVENTS);

        store.record(failed(id, "intruder"));

        assertThat(store.find("demo", id).orElseThrow().status()).isEqualTo(DocumentStatus.RECEIVED);
        assertThat(store.find("intruder", id)).isEmpty();
        assertThat(store.findBatch("intruder", "batch-" + id)).isEmpty();
        assertThat(store.history(id)).extracting(HistoryEntry::status).containsExactly(DocumentStatus.RECEIVED);
    }

    @Test
    void aBatchListsItsDocumentsForItsTenantOnly() {
        String first = UUID.randomUUID().toString();
        DocumentReceived one = SampleEvents.received(first, Provider.CSC);
        DocumentReceived two = new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                one.batchId(),
                "demo",
                null,
                one.signer(),
                one.format(),
                SignatureLevel.LTA,
                one.files(),
                AT);
        store.recordAccepted(List.of(one, two));

        assertThat(store.findBatch("demo", one.batchId()).orElseThrow())
                .extracting(DocumentRecord::id)
                .containsExactlyInAnyOrder(first, two.documentId());
        assertThat(store.findBatch("other", one.batchId())).isEmpty();
    }

    @Test
    void aCertificateChoiceWaitsForTheScanThenTheLinkedSignatureIsRequested() {
        String id = UUID.randomUUID().toString();
        store.record(SampleEvents.received(id, Provider.SMARTID), StatusStore.Source.EVENTS);
        var hashed = SampleEvents.hashComputed(id, Provider.SMARTID);
        var signed = SampleEvents.signatureReturned(id, Provider.SMARTID);
        var choice = new CertificateChoice(hashed.format(), SignatureLevel.LTA, AT, "choice-1");
        store.record(new SignatureRequested(
                1,
                id,
                hashed.batchId(),
                hashed.tenantId(),
                hashed.clientReference(),
                new SignerRef(Provider.SMARTID, "device-link"),
                hashed.files(),
                hashed.manifest(),
                null,
                null,
                new RemoteSession("choice-1", null, null, null),
                AT,
                choice,
                null));
        DocumentRecord waiting = store.find(hashed.tenantId(), id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(DocumentStatus.AWAITING_SCAN);
        assertThat(waiting.verificationCode()).isNull();
        assertThat(waiting.awaiting()).isEqualTo(StatusStore.SMART_ID_SCAN);

        store.record(new SignatureRequested(
                1,
                id,
                hashed.batchId(),
                hashed.tenantId(),
                hashed.clientReference(),
                new SignerRef(Provider.SMARTID, "PNOEE-40404040009-MOCK-Q"),
                hashed.files(),
                hashed.manifest(),
                signed.parameters(),
                new byte[] {1, 2, 3},
                new RemoteSession("linked-1", null, null, null),
                AT.plusSeconds(5),
                choice,
                null));

        assertThat(store.find(hashed.tenantId(), id).orElseThrow().status())
                .isEqualTo(DocumentStatus.SIGNATURE_REQUESTED);
        assertThat(store.history(id))
                .extracting(HistoryEntry::status)
                .containsExactly(
                        DocumentStatus.RECEIVED, DocumentStatus.AWAITING_SCAN, DocumentStatus.SIGNATURE_REQUESTED);
    }

    @Test
    void aDocumentWaitingForAPersonShowsWhatItWaitsForUntilItIsAssembled() {
        String id = UUID.randomUUID().toString();
        store.record(SampleEvents.received(id, Provider.CSC), StatusStore.Source.EVENTS);
        var hashed = SampleEvents.hashComputed(id, Provider.CSC);
        String approval = "CSC credential sandbox-seal-oauth waits for a person's approval";

        store.record(new SignatureRequested(
                1,
                id,
                hashed.batchId(),
                hashed.tenantId(),
                hashed.clientReference(),
                hashed.signer(),
                hashed.files(),
                hashed.manifest(),
                null,
                null,
                null,
                AT,
                null,
                approval));

        DocumentRecord waiting = store.find(hashed.tenantId(), id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(DocumentStatus.AWAITING_PERSON);
        assertThat(waiting.awaiting()).isEqualTo(approval);
        assertThat(waiting.signer()).isEqualTo(hashed.signer());

        store.record(assembled(id, hashed.tenantId()));
        assertThat(store.history(id))
                .extracting(HistoryEntry::status)
                .containsExactly(DocumentStatus.RECEIVED, DocumentStatus.AWAITING_PERSON, DocumentStatus.ASSEMBLED);
    }

    static ContainerAssembled assembled(String id, String tenant) {
        BlobRef container = new BlobRef("fs:" + tenant + "/" + SHA, 10, "application/vnd.etsi.asic-e+zip", SHA);
        return new ContainerAssembled(
                ContainerAssembled.SCHEMA_VERSION,
                id,
                "batch-" + id,
                tenant,
                null,
                container,
                "invoice.asice",
                List.of(new DataFile("invoice.pdf", container)),
                new ValidationSummary("TOTAL_PASSED", null, AT, "Sandbox Seal", SignatureLevel.LT),
                AT);
    }

    static DocumentFailed failed(String id, String tenant) {
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                id,
                "batch-" + id,
                tenant,
                null,
                FailureStage.HASH,
                FailureReason.DOCUMENT_UNUSABLE,
                "unreadable",
                AT);
    }
}
