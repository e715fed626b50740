package dev.signingsuite.standalone.chaos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.sandbox.signing.SignedDigest;
import dev.signingsuite.standalone.dlq.DeadLetter;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps each digest a signing simulator signed to its document through the {@code
 * dataToSignDigest} the providers record in their signing intents. A digest no intent names, or a
 * second signed digest for one document, is a double signature.
 *
 * @param signatures every digest the simulators signed
 * @param doubles unmapped digests plus every signature of a document beyond its first
 */
public record RemoteSignatures(int signatures, int doubles, int unmapped) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Intent(String documentId, byte[] dataToSignDigest) {}

    public static RemoteSignatures count(List<SignedDigest> signed, List<DeadLetter> intentRecords) {
        Map<String, Set<String>> documentsByDigest = new HashMap<>();
        for (DeadLetter record : intentRecords) {
            if (record.value() == null) {
                continue; // a tombstone of the compacted topic
            }
            Intent intent = EventJson.read(record.value(), Intent.class);
            if (intent.dataToSignDigest() != null && intent.documentId() != null) {
                documentsByDigest
                        .computeIfAbsent(key(intent.dataToSignDigest()), k -> new HashSet<>())
                        .add(intent.documentId());
            }
        }
        Map<String, Integer> perDocument = new HashMap<>();
        int unmapped = 0;
        for (SignedDigest one : signed) {
            Set<String> documents = documentsByDigest.get(key(one.digest()));
            if (documents == null) {
                unmapped++;
            } else {
                documents.forEach(document -> perDocument.merge(document, 1, Integer::sum));
            }
        }
        int beyondFirst = perDocument.values().stream().mapToInt(n -> n - 1).sum();
        return new RemoteSignatures(signed.size(), unmapped + beyondFirst, unmapped);
    }

    private static String key(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }
}
