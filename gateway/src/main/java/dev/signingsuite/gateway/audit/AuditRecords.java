package dev.signingsuite.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.gateway.status.Attempts;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * What each event adds to a document's audit trail. Only what proves who did what: digests,
 * certificate subjects and serials, timestamp serials, reasons; never document content, signature
 * values themselves, verification codes, device links, PINs or tokens. Where the events do not say
 * something ETSI EN 319 401 asks for (the person who approved a CSC or eParaksts seal use), the
 * entry says so instead of guessing.
 */
final class AuditRecords {

    private static final String NOT_CARRIED = "not carried by the events";

    private AuditRecords() {}

    static AuditEntry received(DocumentReceived event, MessageHeaders headers) {
        Map<String, Object> details = new LinkedHashMap<>();
        String submitter = SubmitterHeader.read(headers);
        details.put("submittedBy", submitter);
        signer(details, event.signer());
        details.put("format", event.format().name());
        details.put("level", event.level().name());
        details.put("files", files(event.files()));
        return entry(event, headers, "document-received", submitter, event.receivedAt(), details);
    }

    static AuditEntry requested(SignatureRequested event, MessageHeaders headers) {
        Map<String, Object> details = new LinkedHashMap<>();
        signer(details, event.signer());
        details.put("awaitsCertificateChoice", event.awaitsCertificateChoice());
        if (event.parameters() != null) {
            parameters(details, event.parameters());
        }
        if (event.dataToSignDigest() != null) {
            details.put("dataToSignDigestSha256", SignatureEvidence.sha256(event.dataToSignDigest()));
        }
        return entry(event, headers, "signature-requested", provider(event.signer()), event.requestedAt(), details);
    }

    static AuditEntry returned(SignatureReturned event, MessageHeaders headers) {
        Map<String, Object> details = new LinkedHashMap<>();
        signer(details, event.signer());
        parameters(details, event.parameters());
        details.put("signatureValueSha256", SignatureEvidence.sha256(event.signatureValue()));
        details.put("approvedBy", approver(event.signer(), event.parameters()));
        return entry(event, headers, "signature-returned", provider(event.signer()), event.returnedAt(), details);
    }

    static AuditEntry augmented(SignatureAugmented event, MessageHeaders headers) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("level", event.signature().level().name());
        details.put("signatureEntry", event.signature().entryName());
        details.put(
                "signatureSha256", SignatureEvidence.sha256(event.signature().content()));
        if (event.parameters().format() == SignatureFormat.ASIC_E_CADES) {
            try {
                details.putAll(SignatureEvidence.of(event.signature().content()));
            } catch (IllegalArgumentException e) {
                details.put("evidenceUnreadable", e.getMessage());
            }
        } else {
            details.put(
                    "evidence",
                    "timestamps and OCSP responses are read from CAdES only, not "
                            + event.parameters().format());
        }
        if (event.signedDocument() != null) {
            details.put("signedDocumentUri", event.signedDocument().uri());
        }
        return entry(event, headers, "signature-augmented", "augmentation-service", event.augmentedAt(), details);
    }

    static AuditEntry assembled(ContainerAssembled event, MessageHeaders headers) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("containerSha256", event.container().sha256());
        details.put("containerUri", event.container().uri());
        details.put("containerSize", event.container().size());
        details.put("containerName", event.containerName());
        details.put("validation", event.validation().indication());
        return entry(event, headers, "container-assembled", "container-service", event.assembledAt(), details);
    }

    static AuditEntry failed(DocumentFailed event, MessageHeaders headers) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", event.stage().name());
        details.put("reason", event.reason().name());
        details.put("message", event.message());
        return entry(
                event,
                headers,
                "document-failed",
                event.stage().name().toLowerCase(Locale.ROOT),
                event.failedAt(),
                details);
    }

    private static AuditEntry entry(
            DocumentEvent event,
            MessageHeaders headers,
            String type,
            String actor,
            Instant occurredAt,
            Map<String, Object> details) {
        return new AuditEntry(
                event.documentId(),
                event.tenantId(),
                event.batchId(),
                eventId(headers),
                type,
                Attempts.of(headers),
                actor,
                occurredAt,
                null,
                details);
    }

    /** The CloudEvents id; a record without one is identified by where it was read. */
    static String eventId(MessageHeaders headers) {
        Object id = headers.get(CloudEventHeaders.ID);
        if (id != null) {
            return id instanceof byte[] bytes ? new String(bytes, UTF_8) : id.toString();
        }
        return headers.get(KafkaHeaders.RECEIVED_TOPIC) + "/" + headers.get(KafkaHeaders.RECEIVED_PARTITION) + "/"
                + headers.get(KafkaHeaders.OFFSET);
    }

    private static void signer(Map<String, Object> details, SignerRef signer) {
        details.put("provider", signer.provider().id());
        details.put("signer", signer.identity());
    }

    private static String provider(SignerRef signer) {
        return "provider-" + signer.provider().id();
    }

    private static void parameters(Map<String, Object> details, SignatureParameters parameters) {
        details.put("signingDate", parameters.signingDate().toString());
        details.put("signatureAlgorithm", parameters.signatureAlgorithm());
        details.put("certificateSha256", SignatureEvidence.sha256(parameters.signingCertificate()));
        try {
            X509Certificate certificate = certificate(parameters.signingCertificate());
            details.put(
                    "certificateSubject", certificate.getSubjectX500Principal().getName());
            details.put("certificateSerial", certificate.getSerialNumber().toString(16));
        } catch (IllegalArgumentException e) {
            // The event itself is what happened; the trail records it even when the certificate is odd.
            details.put("certificateUnreadable", e.getMessage());
        }
    }

    /** A Smart-ID signature is confirmed by the person the certificate names; a seal's approver is not in the events. */
    private static String approver(SignerRef signer, SignatureParameters parameters) {
        if (signer.provider() != Provider.SMARTID) {
            return NOT_CARRIED;
        }
        try {
            return certificate(parameters.signingCertificate())
                    .getSubjectX500Principal()
                    .getName();
        } catch (IllegalArgumentException e) {
            return "the person named by the signing certificate (unreadable)";
        }
    }

    private static List<Map<String, Object>> files(List<DataFile> files) {
        return files.stream()
                .map(file -> {
                    Map<String, Object> described = new LinkedHashMap<>();
                    described.put("name", file.name());
                    if (file.digestOnly()) {
                        // Digest signing: the suite never saw the content, only its digest.
                        described.put("digestAlgorithm", file.digest().algorithm());
                        described.put(
                                "digest",
                                java.util.Base64.getEncoder()
                                        .encodeToString(file.digest().value()));
                        return described;
                    }
                    described.put("sha256", file.blob().sha256());
                    described.put("size", file.blob().size());
                    // Where the bytes were kept: what the retention job deletes (ADR 31).
                    described.put("uri", file.blob().uri());
                    return described;
                })
                .toList();
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("the signing certificate cannot be read: " + e.getMessage(), e);
        }
    }
}
