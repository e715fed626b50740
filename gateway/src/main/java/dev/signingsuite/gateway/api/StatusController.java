package dev.signingsuite.gateway.api;

import dev.signingsuite.blobstore.BlobNotFoundException;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.gateway.api.StatusViews.BatchView;
import dev.signingsuite.gateway.api.StatusViews.DocumentView;
import dev.signingsuite.gateway.status.DocumentRecord;
import dev.signingsuite.gateway.status.DocumentStatus;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.gateway.webhooks.WebhookStates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Status and download. A tenant sees only its own documents: another's answer 404, as unknown ones. */
@RestController
@RequestMapping("/v1")
class StatusController {

    private final StatusStore store;
    private final BlobStore blobs;
    private final PersonLinks personLinks;
    private final WebhookStates webhooks;

    StatusController(StatusStore store, BlobStore blobs, PersonLinks personLinks, WebhookStates webhooks) {
        this.store = store;
        this.blobs = blobs;
        this.personLinks = personLinks;
        this.webhooks = webhooks;
    }

    @Operation(summary = "A document's status, the stage it reached and its history")
    @GetMapping(path = "/documents/{documentId}", produces = MediaType.APPLICATION_JSON_VALUE)
    DocumentView document(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @PathVariable String documentId) {
        DocumentRecord document = find(tenantId, documentId);
        String personPage =
                personLinks.page(document.signer(), tenantId, documentId).orElse(null);
        return DocumentView.of(document, store.history(documentId), personPage).withWebhooks(webhooks.of(documentId));
    }

    @Operation(summary = "A batch's documents and how many are at each status")
    @GetMapping(path = "/batches/{batchId}", produces = MediaType.APPLICATION_JSON_VALUE)
    BatchView batch(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @PathVariable String batchId) {
        List<DocumentRecord> documents =
                store.findBatch(tenantId, batchId).orElseThrow(() -> ApiProblem.notFound("no batch " + batchId));
        return BatchView.of(batchId, documents);
    }

    @Operation(summary = "Download the signed container (404 until assembled, 409 if the document failed)")
    @GetMapping("/documents/{documentId}/container")
    ResponseEntity<Resource> container(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @PathVariable String documentId) {
        DocumentRecord document = find(tenantId, documentId);
        if (document.status() == DocumentStatus.FAILED) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "Document failed",
                    "document " + documentId + " failed"
                            + (document.failure() == null
                                    ? ""
                                    : " (" + document.failure().reason() + "); it has no container"));
        }
        if (document.status() != DocumentStatus.ASSEMBLED || document.container() == null) {
            throw ApiProblem.notFound("document " + documentId + " is " + document.status() + ": no container yet");
        }
        DocumentRecord.Container container = document.container();
        InputStream content;
        try {
            content = blobs.open(container.blob());
        } catch (BlobNotFoundException e) {
            throw ApiProblem.notFound("the container of document " + documentId + " is no longer stored");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(container.blob().mediaType()))
                .contentLength(container.blob().size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(container.name()))
                .body(new InputStreamResource(content));
    }

    private DocumentRecord find(String tenantId, String documentId) {
        return store.find(tenantId, documentId).orElseThrow(() -> ApiProblem.notFound("no document " + documentId));
    }

    /** {@code attachment; filename="<name>"}, with an RFC 5987 form for names beyond ASCII. */
    private static String disposition(String name) {
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(name);
        ContentDisposition.Builder builder = ContentDisposition.attachment();
        return (ascii ? builder.filename(name) : builder.filename(name, StandardCharsets.UTF_8))
                .build()
                .toString();
    }
}
