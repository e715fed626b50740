package dev.signingsuite.provider.eparaksts.approval;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's side of approval groups: {@code /eparaksts/approvals} lists them, {@code
 * /eparaksts/approvals/{id}/start} sends the person to confirm one group in eParaksts Mobile; the
 * platform comes back to {@code /eparaksts/callback}. Bound to loopback in the standalone run.
 */
@RestController
class ApprovalController {

    private final SealApprovals approvals;

    ApprovalController(SealApprovals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/eparaksts/approvals")
    List<SealApprovals.Pending> pending() {
        return approvals.pending();
    }

    @GetMapping("/eparaksts/approvals/{id}/start")
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
