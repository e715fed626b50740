package dev.signingsuite.sandbox.signing;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One digest a signing simulator signed.
 *
 * @param simulator {@code "csc"}, {@code "eparaksts"} or {@code "smartid"}
 * @param digest the hash the remote signer signed, as the client sent it
 * @param at when the simulator signed it, on the sandbox's clock
 */
public record SignedDigest(String simulator, byte[] digest, Instant at) {

    public SignedDigest {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(at, "at");
        digest = Objects.requireNonNull(digest, "digest").clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Whether this entry is for {@code candidate}, compared by content. */
    public boolean isFor(byte[] candidate) {
        return Arrays.equals(digest, candidate);
    }

    // Content equality: two signings of the same digest at the same time are the same entry.
    @Override
    public boolean equals(Object other) {
        return other instanceof SignedDigest that
                && simulator.equals(that.simulator)
                && Arrays.equals(digest, that.digest)
                && at.equals(that.at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(simulator, Arrays.hashCode(digest), at);
    }

    @Override
    public String toString() {
        return "SignedDigest[" + simulator + ", " + HexFormat.of().formatHex(digest) + ", " + at + "]";
    }
}
