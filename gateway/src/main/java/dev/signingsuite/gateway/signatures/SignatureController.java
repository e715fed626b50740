package dev.signingsuite.gateway.signatures;

import dev.signingsuite.blobstore.BlobNotFoundException;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.gateway.api.ApiCallers;
import dev.signingsuite.gateway.api.ApiProblem;
import dev.signingsuite.gateway.api.PersonPages;
import dev.signingsuite.gateway.signatures.SignatureViews.SignatureAccepted;
import dev.signingsuite.gateway.signatures.SignatureViews.SignatureStatus;
import dev.signingsuite.gateway.signatures.SignatureViews.SignatureView;
import dev.signingsuite.gateway.status.DocumentRecord;
import dev.signingsuite.gateway.status.DocumentStatus;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.gateway.webhooks.WebhookStates;
import dev.signingsuite.gateway.webhooks.WebhookUrls;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Digest signing for e-services that keep their documents: post a digest, follow the signature,
 * fetch the detached CMS. Same API key and tenant isolation as {@code /v1/documents}: another
 * tenant's signature answers 404, as an unknown one.
 */
@RestController
@RequestMapping("/v1")
class SignatureController {

    static final String PKCS7_SIGNATURE = "application/pkcs7-signature";
    static final String XML_SIGNATURE = MediaType.APPLICATION_XML_VALUE;

    private final DigestSigning signing;
    private final StatusStore store;
    private final BlobStore blobs;
    private final PersonPages personPages;
    private final CallbackHosts callbackHosts;
    private final SignatureCallbacks callbacks;
    private final WebhookUrls webhookUrls;
    private final WebhookStates webhooks;

    SignatureController(
            DigestSigning signing,
            StatusStore store,
            BlobStore blobs,
            PersonPages personPages,
            CallbackHosts callbackHosts,
            SignatureCallbacks callbacks,
            WebhookUrls webhookUrls,
            WebhookStates webhooks) {
        this.signing = signing;
        this.store = store;
        this.blobs = blobs;
        this.personPages = personPages;
        this.callbackHosts = callbackHosts;
        this.callbacks = callbacks;
        this.webhookUrls = webhookUrls;
        this.webhooks = webhooks;
    }

    static String statusUrl(String id) {
        return "/v1/signatures/" + id;
    }

    static String signatureUrl(String id) {
        return statusUrl(id) + "/signature";
    }

    @Operation(summary = "Sign a digest: a detached CAdES or XAdES signature over content the caller keeps")
    @PostMapping(
            path = "/signatures",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SignatureAccepted> sign(HttpServletRequest http, @RequestBody SignatureRequest request) {
        String tenantId = ApiCallers.tenant(http);
        String submitter = ApiCallers.submitter(http);
        DigestOrder order = DigestOrder.of(request, tenantId, callbackHosts, webhookUrls);
        DocumentReceived received = signing.accept(tenantId, submitter, order);
        String id = received.documentId();
        String redirectUrl = personPages.page(tenantId, id, order.signer()).orElse(null);
        return ResponseEntity.accepted()
                .location(URI.create(statusUrl(id)))
                .body(new SignatureAccepted(id, SignatureStatus.PENDING, redirectUrl, statusUrl(id)));
    }

    @Operation(summary = "A signature's status: PENDING, SIGNED, or FAILED with the reason")
    @GetMapping(path = "/signatures/{signatureId}", produces = MediaType.APPLICATION_JSON_VALUE)
    SignatureView signature(HttpServletRequest http, @PathVariable String signatureId) {
        String tenantId = ApiCallers.tenant(http);
        return SignatureView.of(
                find(tenantId, signatureId),
                callbacks.find(tenantId, signatureId).orElse(null),
                webhooks.of(signatureId));
    }

    @Operation(
            summary = "Fetch the detached signature at the requested level: CAdES as DER CMS, XAdES as XML"
                    + " (404 until signed, 409 if it failed)")
    @GetMapping(
            path = "/signatures/{signatureId}/signature",
            produces = {PKCS7_SIGNATURE, XML_SIGNATURE})
    ResponseEntity<Resource> detached(HttpServletRequest http, @PathVariable String signatureId) {
        DocumentRecord record = find(ApiCallers.tenant(http), signatureId);
        if (record.status() == DocumentStatus.FAILED) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "Signature failed",
                    "signature " + signatureId + " failed"
                            + (record.failure() == null
                                    ? ""
                                    : " (" + record.failure().reason() + ")"));
        }
        DocumentRecord.Container container = record.container();
        if (record.status() != DocumentStatus.ASSEMBLED
                || container == null
                || !(PKCS7_SIGNATURE.equals(container.blob().mediaType())
                        || XML_SIGNATURE.equals(container.blob().mediaType()))) {
            throw ApiProblem.notFound("signature " + signatureId + " is not signed yet");
        }
        InputStream content;
        try {
            content = blobs.open(container.blob());
        } catch (BlobNotFoundException e) {
            throw ApiProblem.notFound("the signature " + signatureId + " is no longer stored");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean xml = XML_SIGNATURE.equals(container.blob().mediaType());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(container.blob().mediaType()))
                .contentLength(container.blob().size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(signatureId + (xml ? ".xml" : ".p7s"))
                                .build()
                                .toString())
                .body(new InputStreamResource(content));
    }

    // Only digests: a document of the tenant's uploads is not a signature of this API.
    private DocumentRecord find(String tenantId, String signatureId) {
        return store.find(tenantId, signatureId)
                .filter(record -> DigestSigning.CONTENT_NAME.equals(record.fileName()))
                .orElseThrow(() -> ApiProblem.notFound("no signature " + signatureId));
    }
}
