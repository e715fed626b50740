package dev.signingsuite.hash.boundaryfixture.digest;

/** Fixture: public because another package of the same service uses it: allowed. */
public final class Digests {

    private Digests() {}

    public static String algorithm() {
        return "SHA-256";
    }
}
