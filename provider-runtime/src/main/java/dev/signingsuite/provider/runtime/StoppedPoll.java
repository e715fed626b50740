package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.HashComputed;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What is left of a poll whose service call failed part-way: the documents decided before the
 * failure are answered (so a provider making one call per document gets through a poll even when a
 * share of its calls fail), the others come again, parked when the failure says the service is away.
 * Only a prefix of the poll can be answered: the poll is handed back from its first unanswered record.
 */
final class StoppedPoll {

    private StoppedPoll() {}

    /**
     * @param outcomes the outcomes of {@code documents[0, decided)}
     * @throws RuntimeException {@code e}, when it says nothing about the service being away or a person
     */
    static BatchSigning.Result after(
            RemoteSigner signer,
            List<HashComputed> documents,
            List<SigningOutcome> outcomes,
            int decided,
            RuntimeException e) {
        List<HashComputed> rest = List.copyOf(documents.subList(decided, documents.size()));
        if (e instanceof SignerWaits waits) {
            return waits.outage()
                    ? new BatchSigning.Result(outcomes, decided, rest, e.getMessage())
                    : new BatchSigning.Result(outcomes, decided, rest, null, e.getMessage());
        }
        if (signer.isOutage(e)) {
            return new BatchSigning.Result(outcomes, decided, rest, String.valueOf(e.getMessage()));
        }
        throw e;
    }

    /**
     * The poll after a call failed with {@code e} while its decided documents were being signed:
     * {@code outcomes} holds what the calls before answered, in any order. The documents after the
     * first unanswered one come again; their values, if any, are in the ledger and are answered from
     * it when their records come again, so none is published twice.
     *
     * @throws RuntimeException {@code e}, when no document from the start of the poll is answered, or
     *     when it says nothing about the service being away
     */
    static BatchSigning.Result afterCall(
            RemoteSigner signer,
            List<HashComputed> documents,
            List<SigningOutcome> outcomes,
            int decided,
            RuntimeException e) {
        Set<HashComputed> answered = Collections.newSetFromMap(new IdentityHashMap<>());
        outcomes.forEach(o -> answered.add(o.document()));
        int prefix = 0;
        while (prefix < decided && answered.contains(documents.get(prefix))) {
            prefix++;
        }
        if (prefix == 0) {
            throw e;
        }
        Set<HashComputed> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(documents.subList(0, prefix));
        return after(
                signer,
                documents,
                outcomes.stream().filter(o -> kept.contains(o.document())).toList(),
                prefix,
                e);
    }
}
