package dev.signingsuite.provider.onetime.signing;

import dev.signingsuite.provider.onetime.enrolment.Person;
import dev.signingsuite.provider.onetime.hsm.OneTimeKey;
import eu.europa.esig.dss.model.x509.CertificateToken;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One authorised signing: one person, one batch, one key, one short-lived certificate. */
final class OneTimeSigning {

    private final String id;
    private final Person person;
    private final OneTimeKey key;
    private final List<X509Certificate> chain;
    private final Instant createdAt;
    private final List<String> documentIds = new ArrayList<>();

    OneTimeSigning(String id, Person person, OneTimeKey key, List<X509Certificate> chain, Instant createdAt) {
        this.id = id;
        this.person = person;
        this.key = key;
        this.chain = List.copyOf(chain);
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    Person person() {
        return person;
    }

    OneTimeKey key() {
        return key;
    }

    Instant createdAt() {
        return createdAt;
    }

    X509Certificate certificate() {
        return chain.get(0);
    }

    CertificateToken certificateToken() {
        return new CertificateToken(certificate());
    }

    List<CertificateToken> issuers() {
        return chain.subList(1, chain.size()).stream()
                .map(CertificateToken::new)
                .toList();
    }

    /**
     * Whether a signature made now still lies inside the certificate's validity, with {@code margin}
     * left for the clocks of the CA, the TSA and validators to differ.
     */
    boolean usableAt(Instant now, Duration margin) {
        return !now.isBefore(certificate().getNotBefore().toInstant())
                && now.plus(margin).isBefore(certificate().getNotAfter().toInstant());
    }

    synchronized void signed(List<String> documents) {
        documentIds.addAll(documents);
    }

    synchronized List<String> documentIds() {
        return List.copyOf(documentIds);
    }
}
