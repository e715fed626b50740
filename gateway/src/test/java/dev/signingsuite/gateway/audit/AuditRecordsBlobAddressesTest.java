package dev.signingsuite.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.ValidationSummary;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.MessageHeaders;

/** The trail names where each blob was kept: the retention job deletes by these addresses (ADR 31). */
class AuditRecordsBlobAddressesTest {

    private static final MessageHeaders NONE = new MessageHeaders(Map.of());

    @Test
    void aReceivedDocumentsFilesAndItsContainerAreNamedByAddress() {
        DocumentReceived received = SampleEvents.received("audit-blobs", Provider.CSC);
        BlobRef container =
                new BlobRef("fs:demo/" + "c".repeat(64), 10, "application/vnd.etsi.asic-e+zip", "c".repeat(64));
        ContainerAssembled assembled = new ContainerAssembled(
                ContainerAssembled.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                container,
                "signed.asice",
                received.files(),
                new ValidationSummary("TOTAL_PASSED", null, TestClock.now(), "Sandbox Seal", received.level()),
                TestClock.now());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>)
                AuditRecords.received(received, NONE).details().get("files");

        assertThat(files)
                .extracting(file -> file.get("uri"))
                .containsExactlyElementsOf(received.files().stream()
                        .map(file -> (Object) file.blob().uri())
                        .toList());
        assertThat(AuditRecords.assembled(assembled, NONE).details()).containsEntry("containerUri", container.uri());
    }
}
