package dev.signingsuite.provider.smartid.boundaryfixture;

import dev.signingsuite.provider.runtime.boundaryfixture.RuntimePort;

/** Fixture: a provider that reaches into another provider's package instead of the runtime. */
final class BorrowingSigner implements RuntimePort {

    @Override
    public String sign(String digest) {
        return "borrowed:" + dev.signingsuite.provider.csc.boundaryfixture.CscSignerName.name() + digest;
    }
}
