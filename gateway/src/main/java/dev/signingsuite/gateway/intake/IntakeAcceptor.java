package dev.signingsuite.gateway.intake;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.BlobTooLargeException;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContentObject;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.FileNames;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.gateway.config.GatewayProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Takes a document into the suite, whichever way it came (Kafka intake record or REST upload): the
 * document is checked against the tenant's signers and the limits, its bytes are streamed into the
 * blob store, and {@link DocumentReceived} carries only the reference on. Both intakes share these
 * checks; the Kafka one turns a refusal into {@link DocumentFailed}, the REST one into a problem
 * response.
 */
public final class IntakeAcceptor {

    private final GatewayProperties properties;
    private final BiPredicate<String, SignerRef> signers;
    private final BlobStore blobs;
    private final TenantObjects objects;
    private final Clock clock;
    private final BiPredicate<String, String> cancelled;

    /** Signers as configuration allows them, without the tenants' database (the unit tests). */
    public IntakeAcceptor(GatewayProperties properties, BlobStore blobs, TenantObjects objects, Clock clock) {
        this(properties, properties::mayUse, blobs, objects, clock, (tenant, batch) -> false);
    }

    /**
     * @param signers whether a tenant may use a signer: {@code Tenants::mayUse} (ADR 30)
     * @param cancelled whether a tenant (first) cancelled a batch (second): its records end CANCELLED
     */
    public IntakeAcceptor(
            GatewayProperties properties,
            BiPredicate<String, SignerRef> signers,
            BlobStore blobs,
            TenantObjects objects,
            Clock clock,
            BiPredicate<String, String> cancelled) {
        this.cancelled = cancelled;
        this.properties = properties;
        this.signers = signers;
        this.blobs = blobs;
        this.objects = objects;
        this.clock = clock;
    }

    /**
     * The same tenant and client reference always give the same document id: a redelivered intake
     * record describes the same document, never a second one.
     */
    public static String documentIdFor(String tenantId, String clientReference) {
        return UUID.nameUUIDFromBytes(("intake/" + tenantId + "/" + clientReference).getBytes(UTF_8))
                .toString();
    }

    /** A document submitted on its own is a batch of one. */
    static String batchIdFor(DocumentSubmitted submitted, String documentId) {
        return submitted.batchId() != null ? submitted.batchId() : documentId;
    }

    /** The Kafka intake's bulk lane: a refused document ends as {@link DocumentFailed}. */
    public DocumentEvent accept(DocumentSubmitted submitted) {
        return accept(submitted, Lane.BULK);
    }

    /**
     * The Kafka intake of {@code intakeLane}: a refused document ends as {@link DocumentFailed}. The
     * interactive intake refuses a document no person signs: a bulk batch put there would queue the
     * persons' documents behind it, which is what that intake exists to prevent.
     */
    public DocumentEvent accept(DocumentSubmitted submitted, Lane intakeLane) {
        String documentId = documentIdFor(submitted.tenantId(), submitted.clientReference());
        String batchId = batchIdFor(submitted, documentId);
        DocumentIntake intake = new DocumentIntake(
                submitted.tenantId(),
                documentId,
                batchId,
                submitted.clientReference(),
                submitted.fileName(),
                submitted.mediaType(),
                submitted.signer(),
                submitted.format(),
                submitted.level());
        try {
            if (cancelled.test(submitted.tenantId(), batchId)) {
                // Nothing stored, nothing published but the outcome (ADR 31).
                throw new IntakeRejectedException(
                        FailureReason.CANCELLED,
                        "the tenant cancelled batch " + batchId + " before this document came in");
            }
            requireSigner(submitted.tenantId(), submitted.signer());
            requireLane(submitted.signer(), intakeLane);
            // DocumentSubmitted itself refuses an unsafe name; this is the limit later stages need.
            requireSafeFileName(submitted.fileName());
            if (submitted.contentObject() != null) {
                return receive(intake, submitted.contentObject());
            }
            // The record is in memory already: refuse before writing anything.
            requireWithinLimit(submitted.content().length);
            return receive(intake, new ByteArrayInputStream(submitted.content()));
        } catch (IntakeRejectedException e) {
            return new DocumentFailed(
                    DocumentFailed.SCHEMA_VERSION,
                    documentId,
                    batchId,
                    submitted.tenantId(),
                    submitted.clientReference(),
                    FailureStage.GATEWAY,
                    e.reason(),
                    e.getMessage(),
                    clock.instant());
        }
    }

    /**
     * Streams {@code content} into the blob store, stopping as soon as it exceeds the limit. Signer
     * and file name are the caller's to check, once, before anything is stored: the Kafka intake
     * above (its file name checked by the event itself), the REST one for every file of an upload
     * before the first is stored.
     *
     * @throws IntakeRejectedException when the content is empty or too large
     * @throws UncheckedIOException when the blob store fails (transient)
     */
    public DocumentReceived receive(DocumentIntake intake, InputStream content) {
        BlobRef blob = store(intake.tenantId(), intake.documentId(), content, intake.mediaType());
        return new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                intake.documentId(),
                intake.batchId(),
                intake.tenantId(),
                intake.clientReference(),
                intake.signer(),
                intake.format(),
                intake.level(),
                List.of(new DataFile(intake.fileName(), blob)),
                clock.instant());
    }

    /**
     * Copies the tenant's S3 object into the blob store, as an upload would be: its size checked
     * before its bytes are read (and again while they are, should it have grown), its SHA-256 against
     * the one the record states. A mismatching copy stays in the blob store unreferenced, like the
     * copy of a redelivered record: the store never lists or deletes.
     */
    private DocumentReceived receive(DocumentIntake intake, ContentObject object) {
        try {
            requireWithinLimit(objects.size(intake.tenantId(), object));
            DocumentReceived received;
            try (InputStream content = objects.open(object)) {
                received = receive(intake, content);
            }
            if (!received.files().get(0).blob().sha256().equals(object.sha256())) {
                throw new IntakeRejectedException(
                        FailureReason.INVALID_DOCUMENT,
                        "the SHA-256 of the object at contentObject.uri is not contentObject.sha256");
            }
            return received;
        } catch (IOException e) {
            // Transient: the binder retries the intake record.
            throw new UncheckedIOException("cannot read the intake object of document " + intake.documentId(), e);
        }
    }

    /** @throws IntakeRejectedException unless the tenant exists, is enabled and may use the signer */
    public void requireSigner(String tenantId, SignerRef signer) {
        if (!signers.test(tenantId, signer)) {
            throw new IntakeRejectedException(
                    FailureReason.SIGNER_NOT_ALLOWED,
                    "tenant " + tenantId + " may not use signer "
                            + signer.provider().id() + " " + signer.identity());
        }
    }

    private static void requireLane(SignerRef signer, Lane intakeLane) {
        if (intakeLane == Lane.INTERACTIVE && signer.provider().lane() != Lane.INTERACTIVE) {
            throw new IntakeRejectedException(
                    FailureReason.SIGNER_NOT_ALLOWED,
                    "signer " + signer.provider().id() + " " + signer.identity()
                            + " signs for no person waiting: the interactive intake takes only documents a person signs"
                            + " (providers " + interactiveProviders() + "); send it to the bulk intake");
        }
    }

    private static String interactiveProviders() {
        return Arrays.stream(Provider.values())
                .filter(provider -> provider.lane() == Lane.INTERACTIVE)
                .map(Provider::id)
                .collect(Collectors.joining(", "));
    }

    /**
     * @throws IntakeRejectedException unless {@code name} is safe as a ZIP entry name, leaves room
     *     for the names later stages derive from it ({@link FileNames#requireAtIntake}) and shows a
     *     person what it is ({@link VisibleNames})
     */
    public static String requireSafeFileName(String name) {
        try {
            FileNames.requireAtIntake(name);
            VisibleNames.require(name);
            return name;
        } catch (IllegalArgumentException e) {
            throw new IntakeRejectedException(FailureReason.INVALID_FILE_NAME, e.getMessage());
        }
    }

    /** @throws IntakeRejectedException when a document of {@code size} bytes is over the limit */
    public void requireWithinLimit(long size) {
        if (size > maxDocumentBytes()) {
            throw tooLarge();
        }
    }

    public long maxDocumentBytes() {
        return properties.maxDocumentSize().toBytes();
    }

    private BlobRef store(String tenantId, String documentId, InputStream content, String mediaType) {
        BlobRef blob;
        try {
            blob = blobs.put(tenantId, content, mediaType, maxDocumentBytes());
        } catch (BlobTooLargeException e) {
            throw tooLarge();
        } catch (IOException e) {
            // Transient: the binder retries the intake record; REST answers 503.
            throw new UncheckedIOException("cannot store document " + documentId, e);
        }
        if (blob.size() == 0) {
            throw new IntakeRejectedException(FailureReason.INVALID_DOCUMENT, "document is empty");
        }
        return blob;
    }

    private IntakeRejectedException tooLarge() {
        return new IntakeRejectedException(
                FailureReason.DOCUMENT_TOO_LARGE,
                "document is larger than the limit of " + maxDocumentBytes() + " bytes");
    }
}
