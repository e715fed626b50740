package dev.signingsuite.messaging;

import dev.signingsuite.events.DocumentEvent;
import java.util.function.Function;
import org.springframework.messaging.Message;

/**
 * A stage's function from consumed record to outcome, as a wrapper (messaging's parking) sees it: a
 * wrapper that answers a document in the stage's place hands the answer back, so that a stage
 * remembering its answers ({@link RoutedStage} with a ledger) drops a later duplicate as if it had
 * answered itself.
 *
 * @param <I> the consumed event
 */
@FunctionalInterface
public interface StageFunction<I> extends Function<Message<I>, Message<DocumentEvent>> {

    /** An answer given for this stage by a wrapper; nothing to remember by default. */
    default void recordAnswer(Message<?> message, DocumentEvent outcome) {}
}
