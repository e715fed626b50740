package dev.signingsuite.provider.eparaksts.authorisation;

import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's side of the authorisation: {@code /eparaksts/login} sends the person to the
 * platform, {@code /eparaksts/callback} finishes the flow, {@code /eparaksts/authorisation} tells
 * whether re-authorisation is needed; the callback also completes a group's approval ({@link
 * ApprovalGroups}). Bound to loopback in the standalone run.
 */
@RestController
class AuthorisationController {

    private final SealAuthorisation authorisation;
    private final ApprovalGroups<EparakstsClient.UserToken> approvals;

    AuthorisationController(SealAuthorisation authorisation, ApprovalGroups<EparakstsClient.UserToken> approvals) {
        this.authorisation = authorisation;
        this.approvals = approvals;
    }

    @GetMapping("/eparaksts/login")
    ResponseEntity<Void> login() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(authorisation.startLogin())
                .build();
    }

    @GetMapping("/eparaksts/callback")
    ResponseEntity<SealAuthorisation.Status> callback(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error) {
        if (error != null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(authorisation.status());
        }
        try {
            if (approvals.issued(state)) {
                // A group's approval, not a login: the platform's one registered redirect serves both.
                approvals.complete(code, state);
                return ResponseEntity.ok(authorisation.status());
            }
            authorisation.completeLogin(code, state);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(authorisation.status());
        } catch (EparakstsCallException e) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(authorisation.status());
        }
        return ResponseEntity.ok(authorisation.status());
    }

    @GetMapping("/eparaksts/authorisation")
    SealAuthorisation.Status status() {
        return authorisation.status();
    }
}
