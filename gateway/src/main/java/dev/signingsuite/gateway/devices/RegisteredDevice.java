package dev.signingsuite.gateway.devices;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A registered signing device, bound to its tenant and person.
 *
 * @param signer the CSC signer identity the device signs as (its credentialID)
 * @param chain the device's certificate first, then its issuers
 */
record RegisteredDevice(
        String id, String tenantId, String personId, String signer, List<X509Certificate> chain, Instant createdAt) {

    RegisteredDevice {
        chain = List.copyOf(chain);
    }

    X509Certificate certificate() {
        return chain.get(0);
    }
}
