package dev.signingsuite.provider.onetime.signing;

import dev.signingsuite.est.CertificateAuthority;
import dev.signingsuite.est.EnrolmentRefused;
import dev.signingsuite.sandbox.pki.OneTimeCa;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;

/** The sandbox's one-time CA called in-process, counting what it issued. */
final class SandboxCa implements CertificateAuthority {

    private final OneTimeCa ca;
    final AtomicInteger issued = new AtomicInteger();

    SandboxCa(OneTimeCa ca) {
        this.ca = ca;
    }

    @Override
    public List<X509Certificate> enrol(byte[] certificationRequest, X500Name vouched) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(ca.enrol(certificationRequest, vouched));
            chain.addAll(ca.issuers());
            issued.incrementAndGet();
            return chain;
        } catch (OneTimeCa.Refused e) {
            throw new EnrolmentRefused(e.getMessage());
        }
    }
}
