package dev.signingsuite.gateway.api;

import dev.signingsuite.events.BatchCancelled;
import dev.signingsuite.events.Ids;
import dev.signingsuite.gateway.status.BatchCancels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cancelling a batch (ADR 31). Accepted, not done: the documents end over the next moments, each
 * with its one outcome, and the batch's {@code BatchCompleted} counts them under {@code CANCELLED}.
 * Another tenant's batch answers 404, as an unknown one.
 */
@RestController
@RequestMapping("/v1")
class BatchCancelController {

    /** The answer: the batch and when it was first cancelled (the same on a repeated cancel). */
    record BatchCancelView(String batchId, String status, Instant cancelledAt) {}

    private final BatchCancels cancels;

    BatchCancelController(BatchCancels cancels) {
        this.cancels = cancels;
    }

    @Operation(
            summary = "Cancel a batch: documents not yet signed end failed (CANCELLED), signed ones complete;"
                    + " repeating it changes nothing")
    @PostMapping(path = "/batches/{batchId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchCancelView> cancelBatch(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.TENANT) String tenantId,
            @PathVariable String batchId) {
        try {
            Ids.require(batchId, "batchId");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        BatchCancelled cancelled =
                cancels.cancel(tenantId, batchId).orElseThrow(() -> ApiProblem.notFound("no batch " + batchId));
        return ResponseEntity.accepted()
                .body(new BatchCancelView(cancelled.batchId(), "CANCELLED", cancelled.cancelledAt()));
    }
}
