package dev.signingsuite.gateway.api;

import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.api.DocumentUploads.Upload;
import dev.signingsuite.gateway.api.Receipts.BatchAccepted;
import dev.signingsuite.gateway.api.Receipts.DocumentAccepted;
import dev.signingsuite.gateway.webhooks.WebhookUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The REST intake: uploads answered with 202 and where to follow each document. */
@RestController
@RequestMapping(path = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class UploadController {

    private final DocumentUploads uploads;
    private final WebhookUrls webhookUrls;

    UploadController(DocumentUploads uploads, WebhookUrls webhookUrls) {
        this.uploads = uploads;
        this.webhookUrls = webhookUrls;
    }

    @Operation(
            summary = "Upload a batch: each file becomes one document, signed by the same signer;"
                    + " or, with container=single, all files one document in one container")
    @PostMapping(path = "/batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<BatchAccepted> batch(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.SUBMITTER) String submitter,
            HttpServletRequest request,
            @RequestPart("files") List<MultipartFile> files,
            @Parameter(description = "smartid, eparaksts, csc or onetime") @RequestParam Provider provider,
            @Parameter(description = "the signer's identity at the provider") @RequestParam String signer,
            @RequestParam(defaultValue = "LT") String level,
            @RequestParam(defaultValue = "ASIC_E_CADES") String format,
            @Parameter(
                            description = "prefix of each document's clientReference: <prefix>-1, <prefix>-2, …;"
                                    + " with container=single, the one document's reference as given")
                    @RequestParam(required = false)
                    String clientReference,
            @Parameter(
                            description = "per-document (default): each file its own container and signature;"
                                    + " single: every file in one ASiC-E under one signature (one confirmation)")
                    @RequestParam(defaultValue = "per-document")
                    String container,
            @RequestParam(required = false) String webhookUrl) {
        UploadParts.requireWithinLimits(request);
        UploadForm form =
                UploadForm.of(provider, signer, level, format, clientReference, webhook(tenantId, webhookUrl));
        Upload upload = switch (container) {
            case "per-document" -> uploads.accept(tenantId, submitter, files, form, false);
            case "single" -> uploads.acceptOneContainer(tenantId, submitter, files, form);
            default -> throw ApiProblem.badRequest("container must be per-document or single, not " + container);
        };
        BatchAccepted body =
                new BatchAccepted(upload.batchId(), Receipts.batchUrl(upload.batchId()), upload.documents());
        return answer(upload).location(URI.create(body.statusUrl())).body(body);
    }

    @Operation(summary = "Upload one document")
    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DocumentAccepted> document(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.SUBMITTER) String submitter,
            HttpServletRequest request,
            @RequestPart("file") MultipartFile file,
            @Parameter(description = "smartid, eparaksts, csc or onetime") @RequestParam Provider provider,
            @Parameter(description = "the signer's identity at the provider") @RequestParam String signer,
            @RequestParam(defaultValue = "LT") String level,
            @RequestParam(defaultValue = "ASIC_E_CADES") String format,
            @RequestParam(required = false) String clientReference,
            @RequestParam(required = false) String webhookUrl) {
        UploadParts.requireWithinLimits(request);
        Upload upload = uploads.accept(
                tenantId,
                submitter,
                List.of(file),
                UploadForm.of(provider, signer, level, format, clientReference, webhook(tenantId, webhookUrl)),
                true);
        DocumentAccepted body = upload.documents().get(0);
        return answer(upload).location(URI.create(body.statusUrl())).body(body);
    }

    /** Checked before anything is stored (ApiDescription describes the field). */
    private URI webhook(String tenantId, String webhookUrl) {
        return webhookUrl == null || webhookUrl.isEmpty() ? null : webhookUrls.require(tenantId, webhookUrl);
    }

    /** 202 for what this upload started; 200 for documents a repeated reference already names. */
    private static ResponseEntity.BodyBuilder answer(Upload upload) {
        return upload.repeated() ? ResponseEntity.ok() : ResponseEntity.accepted();
    }
}
