package dev.signingsuite.gateway.devices;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * What the gateway checks of a device's PKCS#10 request before it vouches for it at the CA: the
 * request is signed with the key it names (proof of possession, RFC 2986) and its subject is the
 * authenticated person's. The CA checks both again; the gateway refuses first so that a broken or
 * forged device never reaches the CA in the person's name.
 */
final class ProofOfPossession {

    private ProofOfPossession() {}

    /**
     * @return the parsed request
     * @throws dev.signingsuite.gateway.api.ApiProblem (422) naming what failed
     */
    static PKCS10CertificationRequest check(byte[] request, X500Name person) {
        JcaPKCS10CertificationRequest csr;
        boolean proven;
        try {
            csr = new JcaPKCS10CertificationRequest(request);
            proven = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()));
        } catch (Exception e) {
            throw DeviceProblems.refused("the device's certificate signing request is not a PKCS#10 request: "
                    + e.getClass().getSimpleName());
        }
        if (!proven) {
            throw DeviceProblems.refused("the device's certificate signing request fails its proof of possession:"
                    + " its signature does not verify with the public key it names");
        }
        if (!csr.getSubject().equals(person)) {
            throw DeviceProblems.refused(
                    "the device's certificate signing request names another subject than the authenticated person");
        }
        return csr;
    }
}
