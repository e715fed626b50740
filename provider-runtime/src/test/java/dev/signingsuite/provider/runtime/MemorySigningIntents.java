package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.SigningIntent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ledger without Kafka, keeping every write in order, as the compacted topic's log would. */
final class MemorySigningIntents implements SigningIntents {

    final List<SigningIntent> written = new ArrayList<>();
    final Map<String, SigningIntent> latest = new HashMap<>();

    @Override
    public Map<String, SigningIntent> latest(Collection<String> documentIds) {
        Map<String, SigningIntent> found = new HashMap<>();
        documentIds.stream().filter(latest::containsKey).forEach(id -> found.put(id, latest.get(id)));
        return found;
    }

    @Override
    public void write(List<SigningIntent> intents) {
        for (SigningIntent intent : intents) {
            written.add(intent);
            latest.put(intent.documentId(), intent);
        }
    }

    @Override
    public void withdraw(List<SigningIntent> intents) {
        intents.forEach(intent -> latest.remove(intent.documentId()));
    }
}
