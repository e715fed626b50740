package dev.signingsuite.provider.eparaksts.approval;

import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import dev.signingsuite.provider.runtime.approval.PendingGroup;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's side of approval groups, the same JSON as provider-csc's {@code /csc/approvals}
 * ({@link PendingGroup}): {@code /eparaksts/approvals} lists them, {@code
 * /eparaksts/approvals/{id}/start} sends the person to confirm one group in eParaksts Mobile; the
 * platform comes back to {@code /eparaksts/callback}. Bound to loopback in the standalone run.
 */
@RestController
class ApprovalController {

    private final ApprovalGroups<EparakstsClient.UserToken> groups;

    ApprovalController(ApprovalGroups<EparakstsClient.UserToken> groups) {
        this.groups = groups;
    }

    @GetMapping("/eparaksts/approvals")
    List<PendingGroup> pending() {
        return groups.pending();
    }

    @GetMapping("/eparaksts/approvals/{id}/start")
    ResponseEntity<Void> start(@PathVariable String id) {
        try {
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(groups.start(id))
                    .build();
        } catch (IllegalArgumentException e) {
            return ResponseEntity.notFound().build();
        }
    }
}
