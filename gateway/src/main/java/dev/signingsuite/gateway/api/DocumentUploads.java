package dev.signingsuite.gateway.api;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.Ids;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.gateway.api.Receipts.DocumentAccepted;
import dev.signingsuite.gateway.audit.SubmitterHeader;
import dev.signingsuite.gateway.intake.DocumentIntake;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.gateway.intake.IntakeFingerprint;
import dev.signingsuite.gateway.intake.IntakeFingerprint.FileDigest;
import dev.signingsuite.gateway.intake.IntakeReferences;
import dev.signingsuite.gateway.intake.IntakeReferences.Claim;
import dev.signingsuite.gateway.intake.IntakeRejectedException;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.gateway.webhooks.BatchWebhooks;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.multipart.MultipartFile;

/**
 * The REST intake: every file of an upload becomes one document, or all of them one document in
 * one container ({@link #acceptOneContainer}). Everything that can refuse the
 * upload is checked before anything is stored, so a refused upload leaves no document behind; then
 * each file is streamed into the blob store through {@link IntakeAcceptor} (the Kafka intake's own
 * checks), the documents are recorded as RECEIVED, and {@code DocumentReceived} is published for
 * each.
 */
final class DocumentUploads {

    /** The StreamBridge output binding to the bulk lane's document-received topic. */
    static final String RECEIVED_BINDING = "received-out-0";

    /** The same for the interactive lane's (ADR 16). */
    static final String RECEIVED_INTERACTIVE_BINDING = "receivedInteractive-out-0";

    private static final Logger log = LoggerFactory.getLogger(DocumentUploads.class);
    private static final String OCTET_STREAM = MediaType.APPLICATION_OCTET_STREAM_VALUE;

    private final IntakeAcceptor acceptor;
    private final UploadReferences references;
    private final StatusStore store;
    private final BatchWebhooks batchWebhooks;
    private final StreamBridge bridge;
    private final EventMessages messages;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int maxFiles;

    DocumentUploads(
            IntakeAcceptor acceptor,
            UploadReferences references,
            StatusStore store,
            BatchWebhooks batchWebhooks,
            StreamBridge bridge,
            EventMessages messages,
            MeterRegistry meters,
            Clock clock,
            int maxFiles) {
        this.acceptor = acceptor;
        this.references = references;
        this.store = store;
        this.batchWebhooks = batchWebhooks;
        this.bridge = bridge;
        this.messages = messages;
        this.meters = meters;
        this.clock = clock;
        this.maxFiles = maxFiles;
    }

    /**
     * What an upload answers: its documents, and whether they existed already (every reference
     * named a document of the same content, so nothing new was started).
     */
    record Upload(String batchId, List<DocumentAccepted> documents, boolean repeated) {

        Upload {
            documents = List.copyOf(documents);
        }

        static Upload accepted(List<DocumentReceived> received) {
            return new Upload(
                    received.get(0).batchId(),
                    received.stream().map(Receipts::of).toList(),
                    false);
        }

        static Upload repeated(List<Claim> claims) {
            return new Upload(
                    claims.get(0).batchId(), claims.stream().map(Receipts::of).toList(), true);
        }
    }

    /** @param single a lone document: it is a batch of one, and its reference is taken as given */
    Upload accept(String tenantId, String submitter, List<MultipartFile> files, UploadForm form, boolean single) {
        SignerRef signer = requireAcceptable(tenantId, files, form);
        String batchId = UUID.randomUUID().toString();
        List<String> documentIds = new ArrayList<>(files.size());
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            documentIds.add(single ? batchId : UUID.randomUUID().toString());
            String reference = clientReference(form.clientReference(), i, single);
            if (reference != null) {
                claims.add(claim(tenantId, reference, documentIds.get(i), batchId, List.of(files.get(i)), form));
            }
        }
        Optional<List<Claim>> repeated = references.repeated(claims);
        if (repeated.isPresent()) {
            return Upload.repeated(repeated.get());
        }
        List<DocumentReceived> received = new ArrayList<>(files.size());
        try (var batch = MDC.putCloseable("batch.id", batchId)) {
            for (int i = 0; i < files.size(); i++) {
                MultipartFile file = files.get(i);
                String documentId = documentIds.get(i);
                DocumentIntake intake = new DocumentIntake(
                        tenantId,
                        documentId,
                        batchId,
                        clientReference(form.clientReference(), i, single),
                        file.getOriginalFilename(),
                        mediaTypeOf(file),
                        signer,
                        form.format(),
                        form.level());
                try (InputStream content = file.getInputStream()) {
                    received.add(acceptor.receive(intake, content));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read upload " + i, e);
                }
            }
            Optional<List<Claim>> lost = references.claimWhile(claims, () -> record(received, form));
            if (lost.isPresent()) {
                // A concurrent upload of the same content won; what this one stored stays unreferenced.
                return Upload.repeated(lost.get());
            }
            publish(received, submitter);
            log.info("Accepted {} document(s) over REST", received.size());
        }
        return Upload.accepted(received);
    }

    /**
     * Every file of the upload in one document: one container, one signature, one confirmation by
     * the signer (a Smart-ID person confirms once for the whole batch). The container is one
     * document, so the document size limit applies to its files together, and their names, which
     * become its ZIP entries, must differ.
     */
    Upload acceptOneContainer(String tenantId, String submitter, List<MultipartFile> files, UploadForm form) {
        SignerRef signer = requireAcceptable(tenantId, files, form);
        Set<String> names = new HashSet<>();
        long total = 0;
        for (MultipartFile file : files) {
            if (!names.add(file.getOriginalFilename().toLowerCase(Locale.ROOT))) {
                throw new IntakeRejectedException(
                        FailureReason.INVALID_FILE_NAME,
                        "file name " + file.getOriginalFilename()
                                + " occurs twice; names in one container must differ");
            }
            total += file.getSize();
        }
        acceptor.requireWithinLimit(total);
        String documentId = UUID.randomUUID().toString();
        String batchId = UUID.randomUUID().toString();
        String reference = clientReference(form.clientReference(), 0, true);
        List<Claim> claims =
                reference == null ? List.of() : List.of(claim(tenantId, reference, documentId, batchId, files, form));
        Optional<List<Claim>> repeated = references.repeated(claims);
        if (repeated.isPresent()) {
            return Upload.repeated(repeated.get());
        }
        List<DataFile> dataFiles = new ArrayList<>(files.size());
        DocumentReceived first = null;
        try (var batch = MDC.putCloseable("batch.id", batchId);
                var document = MDC.putCloseable("document.id", documentId)) {
            for (int i = 0; i < files.size(); i++) {
                MultipartFile file = files.get(i);
                DocumentIntake intake = new DocumentIntake(
                        tenantId,
                        documentId,
                        batchId,
                        clientReference(form.clientReference(), 0, true),
                        file.getOriginalFilename(),
                        mediaTypeOf(file),
                        signer,
                        form.format(),
                        form.level());
                try (InputStream content = file.getInputStream()) {
                    DocumentReceived stored = acceptor.receive(intake, content);
                    first = first == null ? stored : first;
                    dataFiles.addAll(stored.files());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read upload " + i, e);
                }
            }
            DocumentReceived received = new DocumentReceived(
                    DocumentReceived.SCHEMA_VERSION,
                    documentId,
                    batchId,
                    tenantId,
                    first.clientReference(),
                    signer,
                    form.format(),
                    form.level(),
                    dataFiles,
                    first.receivedAt());
            Optional<List<Claim>> lost = references.claimWhile(claims, () -> record(List.of(received), form));
            if (lost.isPresent()) {
                return Upload.repeated(lost.get());
            }
            publish(List.of(received), submitter);
            log.info("Accepted {} files as one document over REST", dataFiles.size());
            return Upload.accepted(List.of(received));
        }
    }

    /**
     * Records the batch's documents and, before any is published (so no outcome can be recorded
     * without it), the webhook endpoint the upload named.
     */
    private void record(List<DocumentReceived> received, UploadForm form) {
        store.recordAccepted(received);
        if (form.webhookUrl() != null) {
            DocumentReceived first = received.get(0);
            batchWebhooks.keep(first.tenantId(), first.batchId(), form.webhookUrl(), clock.instant());
        }
    }

    /** Everything that can refuse an upload, checked before anything is stored. */
    private SignerRef requireAcceptable(String tenantId, List<MultipartFile> files, UploadForm form) {
        if (files == null || files.isEmpty()) {
            throw ApiProblem.badRequest("at least one file is required");
        }
        if (files.size() > maxFiles) {
            throw ApiProblem.badRequest("an upload holds at most " + maxFiles + " files, not " + files.size());
        }
        SignerRef signer = form.signerRef();
        acceptor.requireSigner(tenantId, signer);
        for (int i = 0; i < files.size(); i++) {
            MultipartFile file = files.get(i);
            requireSafeFileName(file, i, files.size());
            if (file.isEmpty()) {
                throw new IntakeRejectedException(
                        FailureReason.INVALID_DOCUMENT, "file " + file.getOriginalFilename() + " is empty");
            }
            acceptor.requireWithinLimit(file.getSize());
            mediaTypeOf(file);
        }
        return signer;
    }

    /** The file by its position: an unsafe name cannot be shown back to the client as it is. */
    private static void requireSafeFileName(MultipartFile file, int index, int count) {
        try {
            IntakeAcceptor.requireSafeFileName(file.getOriginalFilename());
        } catch (IntakeRejectedException e) {
            throw new IntakeRejectedException(
                    e.reason(), "file " + (index + 1) + " of " + count + ": " + e.getMessage());
        }
    }

    private void publish(List<DocumentReceived> received, String submitter) {
        for (int i = 0; i < received.size(); i++) {
            DocumentReceived event = received.get(i);
            boolean sent;
            try {
                sent = bridge.send(
                        receivedBinding(event.signer().provider().lane()),
                        MessageBuilder.fromMessage(messages.toMessage(event))
                                .setHeader(SubmitterHeader.NAME, submitter)
                                .build());
            } catch (RuntimeException e) {
                log.warn("Publishing DocumentReceived failed: {}", e.getMessage());
                sent = false;
            }
            if (!sent) {
                // Recorded but never queued: say so in the status rather than leave them RECEIVED.
                received.subList(i, received.size()).forEach(this::markUnqueued);
                throw new ApiProblem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Queue unavailable",
                        (received.size() - i) + " of " + received.size()
                                + " documents could not be queued and are FAILED; upload them again");
            }
            SigningMeters.documents(meters, "gateway", "accepted").increment();
        }
    }

    // The lane is decided here, once: every later stage answers on the lane it read from.
    static String receivedBinding(Lane lane) {
        return lane == Lane.INTERACTIVE ? RECEIVED_INTERACTIVE_BINDING : RECEIVED_BINDING;
    }

    private void markUnqueued(DocumentReceived event) {
        references.release(event.tenantId(), event.documentId());
        store.record(new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                event.documentId(),
                event.batchId(),
                event.tenantId(),
                event.clientReference(),
                FailureStage.GATEWAY,
                FailureReason.STAGE_UNAVAILABLE,
                "the document could not be queued for signing",
                clock.instant()));
    }

    /** The reference claim of one document: what makes a repeated upload the same (IntakeFingerprint). */
    private static Claim claim(
            String tenantId,
            String reference,
            String documentId,
            String batchId,
            List<MultipartFile> files,
            UploadForm form) {
        List<FileDigest> digests = new ArrayList<>(files.size());
        for (MultipartFile file : files) {
            try (InputStream content = file.getInputStream()) {
                digests.add(new FileDigest(
                        file.getOriginalFilename(), mediaTypeOf(file), IntakeFingerprint.sha256Hex(content)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read upload " + file.getOriginalFilename(), e);
            }
        }
        return new Claim(
                tenantId,
                reference,
                documentId,
                batchId,
                IntakeFingerprint.of(digests, form.signerRef(), form.format(), form.level()),
                digests.stream().map(FileDigest::name).toList(),
                IntakeReferences.Source.REST,
                null);
    }

    private static String clientReference(String given, int index, boolean single) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String reference = single ? given : given + "-" + (index + 1);
        try {
            return Ids.require(reference, "clientReference");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    private static String mediaTypeOf(MultipartFile file) {
        String declared = file.getContentType();
        if (declared == null || declared.isBlank()) {
            return OCTET_STREAM;
        }
        try {
            return MediaType.parseMediaType(declared).toString();
        } catch (InvalidMediaTypeException e) {
            throw ApiProblem.badRequest("file " + file.getOriginalFilename() + " has an invalid content type");
        }
    }
}
