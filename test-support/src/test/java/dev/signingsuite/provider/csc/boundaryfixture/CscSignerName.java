package dev.signingsuite.provider.csc.boundaryfixture;

/** Fixture: a CSC class another provider must not use. */
public final class CscSignerName {

    private CscSignerName() {}

    // A method, not a constant: javac would inline a constant and leave no dependency to find.
    public static String name() {
        return "csc";
    }
}
