package dev.signingsuite.provider.smartid.signing;

import dev.signingsuite.events.FailureReason;

/**
 * What a non-OK {@code endResult} (reference §4) means for the document. Every one is final: a
 * person's answer is never retried.
 */
public final class EndResults {

    private EndResults() {}

    public static FailureReason reasonFor(String endResult) {
        return switch (endResult == null ? "" : endResult) {
            case "USER_REFUSED", "USER_REFUSED_INTERACTION", "USER_REFUSED_CERT_CHOICE" -> FailureReason.USER_REFUSED;
            case "TIMEOUT" -> FailureReason.TIMEOUT;
            case "WRONG_VC" -> FailureReason.WRONG_VC;
            case "DOCUMENT_UNUSABLE", "REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP", "ACCOUNT_UNUSABLE" ->
                FailureReason.DOCUMENT_UNUSABLE;
            case "SERVER_ERROR" -> FailureReason.SIGNER_UNAVAILABLE;
            // PROTOCOL_FAILURE, EXPECTED_LINKED_SESSION and codes newer than this reader: our side or unknown.
            default -> FailureReason.INTERNAL_ERROR;
        };
    }

    /** A message for the back-office: the end result and, for refusals, the screen it happened on. */
    public static String messageFor(String endResult, String interaction) {
        return "Smart-ID session ended with " + endResult + (interaction == null ? "" : " on " + interaction);
    }
}
