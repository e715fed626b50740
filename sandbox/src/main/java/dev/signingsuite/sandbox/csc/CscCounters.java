package dev.signingsuite.sandbox.csc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What tests read to see how a client batches: calls per method (errors included), and per
 * credential the successful authorisations (SADs and credential-scope tokens) and signHash sizes.
 */
final class CscCounters {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Integer> signHashSizes = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> authorizations = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> signHashSizesByCredential = new ConcurrentHashMap<>();

    void called(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    void authorized(String credentialId) {
        authorizations.computeIfAbsent(credentialId, c -> new AtomicInteger()).incrementAndGet();
    }

    void signed(String credentialId, int hashes) {
        signHashSizes.add(hashes);
        signHashSizesByCredential
                .computeIfAbsent(credentialId, c -> new CopyOnWriteArrayList<>())
                .add(hashes);
    }

    int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    List<Integer> signHashSizes() {
        return List.copyOf(signHashSizes);
    }

    int authorizations(String credentialId) {
        AtomicInteger count = authorizations.get(credentialId);
        return count == null ? 0 : count.get();
    }

    List<Integer> signHashSizes(String credentialId) {
        return List.copyOf(signHashSizesByCredential.getOrDefault(credentialId, new ArrayList<>()));
    }

    void reset() {
        calls.clear();
        signHashSizes.clear();
        authorizations.clear();
        signHashSizesByCredential.clear();
    }
}
