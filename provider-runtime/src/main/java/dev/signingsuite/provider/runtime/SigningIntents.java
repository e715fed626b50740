package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.SigningIntent;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The ledger of remote signatures ({@code signing.signing-intents.v1}): what was asked and what came
 * back, per document, kept in Kafka so that any instance, after any restart, finds it.
 */
public interface SigningIntents {

    /** A ledger that remembers nothing: every delivery signs as if it were the first. */
    SigningIntents NONE = new SigningIntents() {
        @Override
        public Map<String, SigningIntent> latest(Collection<String> documentIds) {
            return Map.of();
        }

        @Override
        public void write(List<SigningIntent> intents) {}

        @Override
        public void withdraw(List<SigningIntent> intents) {}
    };

    /** The latest entry of each document that has one, including every entry written before. */
    Map<String, SigningIntent> latest(Collection<String> documentIds);

    /** Writes the entries and returns once the broker has them (acks=all). */
    void write(List<SigningIntent> intents);

    /**
     * Removes the entries of calls that failed without an answer, so that the next delivery asks
     * again instead of treating the call as lost in a crash.
     */
    void withdraw(List<SigningIntent> intents);
}
