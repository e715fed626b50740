package dev.signingsuite.provider.csc.signing;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SignatureParameters;

/**
 * A document's signature as DSS prepared it: the parameters (with the signing date), the data to be
 * signed and its hash. The same parameters must be used again when the signature value is added.
 */
record Prepared(HashComputed document, SignatureParameters parameters, byte[] dataToSign, byte[] digest) {}
