package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.csc.Authorizations.Grant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What the simulator answers later: the signatures of an asynchronous {@code signHash} ({@code
 * operationMode "A"}, fetched by {@code signatures/signPolling}, section 11.12) and the SAD of a
 * {@code credentials/authorize} answered 202 ({@code credentials/authorizeCheck}, section 11.7).
 * The signing itself happens when the request is accepted (the signing log shows it at once); a
 * result is then "still going on" for the configured number of questions. A ready result stays
 * readable, so a client that lost the answer can ask again.
 */
final class LaterAnswers {

    /** Results kept; the oldest go first (a simulator must not grow without bound in a long run). */
    private static final int KEPT = 10_000;

    private final Map<String, Pending<List<String>>> signatures = bounded();
    private final Map<String, Pending<Grant>> authorizations = bounded();
    private final Authorizations issuer;
    private final CscSettings settings;
    private final CscProfile profile;

    LaterAnswers(Authorizations issuer, CscSettings settings) {
        this.issuer = issuer;
        this.settings = settings;
        this.profile = settings.profile();
    }

    /** The {@code responseID} of signatures made now and answered after {@code pendingPolls} questions. */
    synchronized String acceptSignatures(List<String> values) {
        String responseId = UUID.randomUUID().toString();
        signatures.put(responseId, new Pending<>(values, settings.pendingPolls()));
        return responseId;
    }

    /** {@code signatures/signPolling}: the signatures, or "still going on" in the profile's way. */
    synchronized Map<String, Object> poll(JsonNode request) {
        // The specification names the field requestID; responseID is tolerated (csc-api-v2.md 9.3).
        String id = CscMethods.text(request, "requestID", CscMethods.text(request, "responseID", null));
        if (id == null) {
            throw CscError.missing("string", "requestID");
        }
        Pending<List<String>> pending = signatures.get(id);
        if (pending == null) {
            throw CscError.invalid("requestID");
        }
        if (pending.remaining > 0) {
            pending.remaining--;
            throw stillSigning();
        }
        return Map.of("signatures", pending.value);
    }

    /**
     * SIGN8 answers 400 with its own wording; the specification 202 {@code accepted_request}
     * (csc-api-v2.md 9.3, SIGN8-MOODLE's tests).
     */
    private CscError stillSigning() {
        if (profile == CscProfile.SIGN8) {
            return CscError.invalidRequest("The previous asynchronous signature request has been accepted for"
                    + " processing, but the processing has not yet been completed.");
        }
        return CscError.of(
                202, "accepted_request", "The previous async request has been accepted but not yet completed");
    }

    /** Whether {@code credentials/authorize} answers 202 with a handle instead of a SAD. */
    boolean authorizesLater() {
        return settings.pendingAuthorizeChecks() > 0;
    }

    /** The handle of an authorisation decided now and answered after {@code pendingAuthorizeChecks} checks. */
    synchronized Map<String, Object> acceptAuthorization(Grant grant) {
        String handle = UUID.randomUUID().toString();
        authorizations.put(handle, new Pending<>(grant, settings.pendingAuthorizeChecks() - 1));
        return Map.of("handle", handle);
    }

    /**
     * {@code credentials/authorizeCheck}: the SAD, or 202 with a new handle that replaces the old one
     * (section 11.7: "use the newest handle").
     */
    synchronized CscRoutes.Reply check(JsonNode request) {
        String handle = CscMethods.text(request, "handle", null);
        if (handle == null) {
            throw CscError.missing("string", "handle");
        }
        Pending<Grant> pending = authorizations.remove(handle);
        if (pending == null) {
            throw CscError.invalid("handle");
        }
        if (pending.remaining > 0) {
            String newest = UUID.randomUUID().toString();
            pending.remaining--;
            authorizations.put(newest, pending);
            return new CscRoutes.Reply(Map.of("handle", newest), null, 202);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("SAD", issuer.issueSad(pending.value));
        answer.put("expiresIn", settings.sadLifetime().toSeconds());
        return CscRoutes.Reply.json(answer);
    }

    private static final class Pending<T> {
        final T value;
        int remaining;

        Pending(T value, int remaining) {
            this.value = value;
            this.remaining = remaining;
        }
    }

    private static <T> Map<String, T> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > KEPT;
            }
        };
    }
}
