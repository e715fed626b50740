package dev.signingsuite.sandbox.signing;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every digest the sandbox's signing simulators (CSC, eParaksts, Smart-ID) signed, in signing
 * order. Lets a test or the chaos command prove that no remote signature was requested twice: a
 * digest that appears twice was signed twice. Thread-safe; kept in memory for the sandbox's life.
 */
public final class SigningLog {

    public static final String CSC = "csc";
    public static final String EPARAKSTS = "eparaksts";
    public static final String SMARTID = "smartid";

    private final Clock clock;
    private final List<SignedDigest> entries = new CopyOnWriteArrayList<>();

    public SigningLog(Clock clock) {
        this.clock = clock;
    }

    /** Records that {@code simulator} signed {@code digest} now. */
    public void signed(String simulator, byte[] digest) {
        entries.add(new SignedDigest(simulator, digest, clock.instant()));
    }

    /** A snapshot of every entry, oldest first. */
    public List<SignedDigest> entries() {
        return List.copyOf(entries);
    }

    /** How often {@code digest} was signed, by any simulator. */
    public long count(byte[] digest) {
        return entries.stream().filter(entry -> entry.isFor(digest)).count();
    }

    /** Forgets every entry, e.g. between the phases of a test. */
    public void clear() {
        entries.clear();
    }
}
