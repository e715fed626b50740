package dev.signingsuite.provider.csc.authorisation;

import dev.signingsuite.provider.csc.signing.CredentialApprovals;
import dev.signingsuite.provider.runtime.approval.PendingGroup;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The person's approvals of groups of documents ({@code scope=credential}): {@code /csc/approvals}
 * lists the pending ones in the same JSON as provider-eparaksts' {@code /eparaksts/approvals}
 * ({@link PendingGroup}: the credential as subject, number of documents, their ids; never a
 * token), {@code
 * /csc/approvals/{id}/start} sends the person to the service's {@code oauth2/authorize} with the
 * group's hashes. The callback is {@link CallbackController}'s. Present only when {@code
 * signing.csc.approval-redirect-uri} is set; reached through the gateway's {@code /operator/csc}.
 */
@RestController
@ConditionalOnProperty("signing.csc.approval-redirect-uri")
class CredentialApprovalController {

    private final CredentialApprovals approvals;

    CredentialApprovalController(CredentialApprovals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/csc/approvals")
    List<PendingGroup> pending() {
        return approvals.pending();
    }

    @GetMapping("/csc/approvals/{id}/start")
    ResponseEntity<Void> start(@PathVariable String id) {
        try {
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(approvals.start(id))
                    .build();
        } catch (IllegalArgumentException e) {
            return ResponseEntity.notFound().build();
        }
    }
}
