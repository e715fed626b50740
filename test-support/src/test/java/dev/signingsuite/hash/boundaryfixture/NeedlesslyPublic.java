package dev.signingsuite.hash.boundaryfixture;

/** Fixture: public, yet used only from its own package, so it could be package-private. */
public final class NeedlesslyPublic {

    private NeedlesslyPublic() {}

    static String name() {
        return "needlessly public";
    }
}
