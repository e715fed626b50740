package dev.signingsuite.standalone.chaos;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Picks the next process to kill: at random, but each kind of service (every instance of
 * provider-csc counts as one kind) once before any kind a second time. A run that drew only from
 * the whole list once killed hash-service three times and its provider never: the figures then said
 * nothing of a signing call lost in a crash, which is what the run is for.
 *
 * @param <P> a process
 */
public final class Victims<P> implements Function<List<P>, P> {

    private final Function<P, String> kind;
    private final Random random;
    private final Set<String> killed = new HashSet<>();

    public Victims(Function<P, String> kind, Random random) {
        this.kind = kind;
        this.random = random;
    }

    @Override
    public synchronized P apply(List<P> candidates) {
        List<P> notYet =
                candidates.stream().filter(p -> !killed.contains(kind.apply(p))).toList();
        List<P> from = notYet.isEmpty() ? candidates : notYet;
        P victim = from.get(random.nextInt(from.size()));
        killed.add(kind.apply(victim));
        return victim;
    }
}
