package dev.signingsuite.gateway.status;

/**
 * Where a document stands, as far as the gateway has heard. Events of one document arrive on
 * different topics with no order between them, so each status has a rank: a document only moves
 * forward, and a terminal status never changes.
 */
public enum DocumentStatus {
    /** The gateway stored the document and published {@code DocumentReceived}. */
    RECEIVED(10),
    /**
     * The provider waits for a person before it can ask for the signature (a CSC credential's
     * approval, an eParaksts seal's login or group approval); {@code awaiting} says what it waits for.
     */
    AWAITING_PERSON(15),
    /**
     * A Smart-ID signer chooses the certificate on the phone first: the person is to scan the device
     * link that {@code GET /v1/documents/{id}/smartid/link} serves.
     */
    AWAITING_SCAN(20),
    /** A provider asked the signer; a Smart-ID person sees the verification code. */
    SIGNATURE_REQUESTED(30),
    /** The signed container is stored and can be downloaded. */
    ASSEMBLED(90),
    /** A stage gave up on the document; the reason says why. */
    FAILED(91);

    /** Ranks from here on are terminal. */
    static final int TERMINAL_RANK = 90;

    private final int rank;

    DocumentStatus(int rank) {
        this.rank = rank;
    }

    int rank() {
        return rank;
    }

    public boolean terminal() {
        return rank >= TERMINAL_RANK;
    }
}
