package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.RemoteSession;

/** What the service answered for one prepared signature of a {@link RemoteSigner#sign} call. */
public sealed interface Returned {

    /** A signature value: the runtime verifies it against the signer's certificate before trusting it. */
    record Value(byte[] value) implements Returned {}

    /** This document cannot be signed (the service refused it): published as {@code DocumentFailed}. */
    record Failed(FailureReason reason, String message) implements Returned {}

    /**
     * The service started a session; the value comes later (a person confirms on a device). Published
     * as {@code SignatureRequested} with the session; the provider's poller hands the value to {@link
     * ProviderOutbound#returned} once it has it.
     */
    record Pending(RemoteSession session) implements Returned {}
}
