package dev.signingsuite.events;

/**
 * The lane a document travels in from the gateway to its outcome (ADR 16). The gateway decides it
 * once, from the signer's {@link Provider#lane()}; after that it is carried by the topics alone: each
 * stage reads both lanes with consumers of their own and answers on the lane it read from, so a
 * document a person waits for is never queued behind a bulk batch.
 */
public enum Lane {
    /** Batches no person watches (seals). Its topics keep the names they had before lanes existed. */
    BULK,
    /** A person is looking at a phone while the document is signed. */
    INTERACTIVE;

    /** The lane's part of a topic name: none for {@link #BULK}, {@code interactive} otherwise. */
    String topicInfix() {
        return this == BULK ? "" : ".interactive";
    }
}
