package dev.signingsuite.provider.csc.authorisation;

import dev.signingsuite.provider.csc.client.CscCallException;
import dev.signingsuite.provider.csc.client.OperatorAuthorisation;
import dev.signingsuite.provider.csc.signing.CredentialApprovals;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /csc/callback}: code and state (or error) of both authorisation-code logins, relayed by the
 * gateway's {@code /csc/callback} server to server. The state tells them apart: one an approval
 * started ({@code scope=credential}) goes to {@link CredentialApprovals}, any other to the service
 * login ({@code scope=service}, {@link OperatorAuthorisation}), which refuses states it did not
 * issue. Answers 200 when the code was exchanged, 400 for an unknown or spent state, 403 when the
 * person or the service refused, 502 when the service did not answer.
 */
@RestController
@ConditionalOnExpression(
        "'${signing.csc.operator-redirect-uri:}' != '' or '${signing.csc.approval-redirect-uri:}' != ''")
class CallbackController {

    private final ObjectProvider<OperatorAuthorisation> operator;
    private final ObjectProvider<CredentialApprovals> approvals;

    CallbackController(ObjectProvider<OperatorAuthorisation> operator, ObjectProvider<CredentialApprovals> approvals) {
        this.operator = operator;
        this.approvals = approvals;
    }

    @GetMapping("/csc/callback")
    ResponseEntity<Map<String, String>> callback(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            @RequestParam(name = "error_description", required = false) String description) {
        CredentialApprovals credential = approvals.getIfAvailable();
        boolean approval = credential != null && credential.issued(state);
        OperatorAuthorisation service = operator.getIfAvailable();
        String kind = approval ? "credential" : "service";
        if (error != null) {
            boolean failed = approval && credential.refused(state, error, description);
            return answer(HttpStatus.FORBIDDEN, kind, "refused: " + error + (failed ? "; its documents fail" : ""));
        }
        try {
            if (approval) {
                credential.complete(code, state);
            } else if (service != null) {
                service.completeLogin(code, state);
            } else {
                throw new IllegalArgumentException("unknown or expired state");
            }
        } catch (IllegalArgumentException e) {
            return answer(HttpStatus.BAD_REQUEST, kind, e.getMessage());
        } catch (CscCallException e) {
            HttpStatus status = e.isTransient() ? HttpStatus.BAD_GATEWAY : HttpStatus.FORBIDDEN;
            return answer(status, kind, "the CSC service refused the code: " + e.getMessage());
        }
        return answer(HttpStatus.OK, kind, approval ? "approved" : "authorised");
    }

    private static ResponseEntity<Map<String, String>> answer(HttpStatus status, String scope, String outcome) {
        return ResponseEntity.status(status).body(Map.of("scope", scope, "outcome", outcome));
    }
}
