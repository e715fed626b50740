package dev.signingsuite.augmentation.signature;

import dev.signingsuite.events.FailureReason;

/** A permanent reason why a document's signature cannot be built; it ends as {@code DocumentFailed}. */
final class AugmentationRefused extends RuntimeException {

    private final FailureReason reason;

    AugmentationRefused(FailureReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    FailureReason reason() {
        return reason;
    }
}
