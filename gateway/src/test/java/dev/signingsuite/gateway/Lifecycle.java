package dev.signingsuite.gateway;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.ValidationSummary;
import dev.signingsuite.testclock.TestClock;
import java.time.Instant;
import java.util.List;

/** The events later stages write about a document the gateway received, as they would write them. */
final class Lifecycle {

    private Lifecycle() {}

    static SignatureRequested requested(DocumentReceived received, String verificationCode) {
        Instant now = TestClock.now();
        return new SignatureRequested(
                SignatureRequested.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                received.signer(),
                received.files(),
                null,
                new SignatureParameters(
                        received.format(),
                        received.level(),
                        "SHA256",
                        "RSA_SHA256",
                        now,
                        new byte[] {0x30, 0x00},
                        List.of()),
                new byte[32],
                new RemoteSession("session-" + received.documentId(), verificationCode, null, now.plusSeconds(120)),
                now);
    }

    static ContainerAssembled assembled(DocumentReceived received, BlobRef container, String containerName) {
        Instant now = TestClock.now();
        return new ContainerAssembled(
                ContainerAssembled.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                container,
                containerName,
                received.files(),
                new ValidationSummary("TOTAL_PASSED", null, now, "Sandbox Seal", received.level()),
                now);
    }

    static DocumentFailed failed(DocumentReceived received, String message) {
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                received.documentId(),
                received.batchId(),
                received.tenantId(),
                received.clientReference(),
                FailureStage.PROVIDER,
                FailureReason.USER_REFUSED,
                message,
                TestClock.now());
    }
}
