package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.provider.csc.client.CscCallException;
import java.util.Locale;

/**
 * Which {@link FailureReason} a permanent CSC error means for the documents of the call. CSC
 * services share the error codes but not always the descriptions (CSC API v2 section 10.3), so the
 * descriptions are only hints and the default is that the signer cannot serve the request.
 */
final class Failures {

    private Failures() {}

    static FailureReason reasonFor(CscCallException e) {
        if (e.isAuthorisationRefused() || e.isHashNotAuthorized() || e.isExpiredSad()) {
            return FailureReason.AUTHORISATION_REQUIRED;
        }
        String description = e.description() == null ? "" : e.description().toLowerCase(Locale.ROOT);
        if (e.status() == 400 && description.contains("credentialid")) {
            return FailureReason.ACCOUNT_NOT_FOUND;
        }
        if (e.status() == 400 && description.contains("certificate")) {
            return FailureReason.CERTIFICATE_INVALID;
        }
        return FailureReason.SIGNER_UNAVAILABLE;
    }

    /** Why a document whose single-use token was spent by a call without an answer is not signed. */
    static String lost(String credentialId, Throwable e) {
        return "CSC credential " + credentialId + ": no answer to signHash, whose single-use token is now spent;"
                + " the service may have signed, so it is not asked again (submit the document again): "
                + e.getMessage();
    }

    /** The service's answer, prefixed with what it means for the operator. */
    static String explain(CscCallException e) {
        if (e.isAuthorisationRefused()) {
            return "the credential authorisation was refused (wrong PIN or OTP, locked credential or denied"
                    + " grant); check the signer's factors before sending more: " + e.getMessage();
        }
        if (e.isHashNotAuthorized()) {
            return "the SAD does not cover the hashes sent: " + e.getMessage();
        }
        if (e.isAcceptedUnanswered()) {
            return "the service accepted the asynchronous signHash but its result never came; it may have"
                    + " signed, so it is not asked again (submit the document again): " + e.getMessage();
        }
        if (e.isExpiredSad()) {
            return "the SAD expired again after a new authorisation: " + e.getMessage();
        }
        return e.getMessage();
    }
}
