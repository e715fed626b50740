package dev.signingsuite.provider.csc.boundaryfixture;

import dev.signingsuite.provider.runtime.boundaryfixture.RuntimePort;

/** Fixture: a provider that uses only the shared runtime: allowed. */
final class CscSigner implements RuntimePort {

    @Override
    public String sign(String digest) {
        return "csc:" + digest;
    }
}
