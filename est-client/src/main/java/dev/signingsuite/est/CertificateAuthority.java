package dev.signingsuite.est;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Where a key's certificate comes from (a one-time key's, a registered signing device's): the suite, as the CA's registration authority,
 * vouches for the subject of a request the key itself signed.
 */
public interface CertificateAuthority {

    /**
     * @param certificationRequest a DER PKCS#10 request signed with the key it names
     * @param vouched the authenticated person's subject, as the registration authority vouches for it
     * @return the issued certificate first, then its issuers up to the root
     * @throws EnrolmentRefused when the CA refuses the request
     */
    List<X509Certificate> enrol(byte[] certificationRequest, X500Name vouched);
}
