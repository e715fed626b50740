package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureParameters;

/**
 * A document's signature as DSS prepared it: the parameters (with the signing date), the data to be
 * signed and its digest, the value a remote service signs. The same parameters must be used again
 * when the signature value is added (augmentation-service), so they travel in the events.
 */
public record PreparedSignature(
        HashComputed document, SignatureParameters parameters, byte[] dataToSign, byte[] digest) {}
