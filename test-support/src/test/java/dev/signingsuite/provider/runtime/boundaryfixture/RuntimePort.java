package dev.signingsuite.provider.runtime.boundaryfixture;

/** Fixture: the shared provider runtime, which every provider may use. */
public interface RuntimePort {

    String sign(String digest);
}
