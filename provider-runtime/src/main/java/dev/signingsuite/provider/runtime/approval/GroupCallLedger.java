package dev.signingsuite.provider.runtime.approval;

import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.SigningIntents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ledger entries of a group's one call for the documents outside the poll that makes it: the
 * runtime writes those of the poll, and a restart before the others' records come again must find
 * their values (or know they were asked for) on the broker, not in this process's memory.
 */
final class GroupCallLedger {

    private final String provider;
    private final Supplier<SigningIntents> ledger;

    GroupCallLedger(String provider, Supplier<SigningIntents> ledger) {
        this.provider = provider;
        this.ledger = ledger;
    }

    /** {@code STARTED} entries for the group's documents not in {@code present}. */
    List<SigningIntent> started(ApprovalGroup<?> group, Collection<String> present, Instant now) {
        List<SigningIntent> absent = new ArrayList<>();
        group.documents.forEach((documentId, prepared) -> {
            if (!present.contains(documentId)) {
                absent.add(SigningIntent.started(
                        prepared.document(),
                        provider,
                        group.attempts.getOrDefault(documentId, 0),
                        prepared.digest(),
                        signingDate(prepared),
                        now));
            }
        });
        return List.copyOf(absent);
    }

    /** {@code RETURNED} entries for those of {@code calling} the call returned a value for. */
    static List<SigningIntent> returned(List<SigningIntent> calling, Map<String, byte[]> values, Instant at) {
        List<SigningIntent> returned = new ArrayList<>();
        for (SigningIntent intent : calling) {
            byte[] value = values.get(intent.documentId());
            if (value != null) {
                returned.add(intent.returned(value, at));
            }
        }
        return returned;
    }

    void write(List<SigningIntent> entries) {
        if (!entries.isEmpty()) {
            ledger.get().write(entries);
        }
    }

    void withdraw(List<SigningIntent> entries) {
        if (!entries.isEmpty()) {
            ledger.get().withdraw(entries);
        }
    }

    private static Instant signingDate(PreparedSignature prepared) {
        return prepared.parameters() == null ? null : prepared.parameters().signingDate();
    }
}
