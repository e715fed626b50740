package dev.signingsuite.provider.onetime.signing;

import dev.signingsuite.est.CertificateAuthority;
import dev.signingsuite.provider.onetime.enrolment.Person;
import dev.signingsuite.provider.onetime.hsm.OneTimeKey;
import dev.signingsuite.provider.onetime.hsm.Pkcs11Token;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorised signings of this instance: one per person and batch while its certificate lasts,
 * each with a key generated for it alone and destroyed when it ends (its certificate expired, or the
 * instance stops). Thread-safe.
 */
public final class OneTimeSignings implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OneTimeSignings.class);

    private final Pkcs11Token token;
    private final CertificateAuthority ca;
    private final SigningAudit audit;
    private final Clock clock;
    private final Duration margin;
    private final Map<String, OneTimeSigning> byPersonAndBatch = new ConcurrentHashMap<>();
    private final Map<String, OneTimeSigning> byId = new ConcurrentHashMap<>();

    /**
     * @param margin how long before its certificate's notAfter a signing stops being used: room for
     *     the clocks of the CA, the TSA and validators to differ
     */
    public OneTimeSignings(
            Pkcs11Token token, CertificateAuthority ca, SigningAudit audit, Clock clock, Duration margin) {
        this.token = token;
        this.ca = ca;
        this.audit = audit;
        this.clock = clock;
        this.margin = margin;
    }

    /**
     * The person's signing for this batch: the one open while its certificate lasts, or a new one (a
     * new key in the token, a request it signs, a certificate from the CA).
     */
    OneTimeSigning open(Person person, String batchId) {
        String key = person.identifier() + '\n' + batchId;
        synchronized (byPersonAndBatch) {
            OneTimeSigning open = byPersonAndBatch.get(key);
            if (open != null && open.usableAt(clock.instant(), margin)) {
                return open;
            }
            if (open != null) {
                end(open, "expired");
            }
            OneTimeSigning created = create(person);
            byPersonAndBatch.put(key, created);
            byId.put(created.id(), created);
            return created;
        }
    }

    /** The signing a {@code Signer} id names, or null once it ended. */
    OneTimeSigning byId(String id) {
        return byId.get(id);
    }

    Duration margin() {
        return margin;
    }

    /** Ends the signings whose certificates can no longer be used; returns how many. */
    public int sweep() {
        Instant now = clock.instant();
        int ended = 0;
        for (OneTimeSigning signing : List.copyOf(byId.values())) {
            if (!signing.usableAt(now, margin)) {
                end(signing, "expired");
                ended++;
            }
        }
        return ended;
    }

    /** Destroys the key of a signing and records it; a second call does nothing. */
    void end(OneTimeSigning signing, String ending) {
        if (byId.remove(signing.id()) == null) {
            return;
        }
        byPersonAndBatch.values().remove(signing);
        signing.key().close();
        audit.record(new SigningAudit.Entry(
                signing.person(),
                signing.key().publicKeyHash(),
                signing.certificate().getSerialNumber(),
                signing.documentIds(),
                signing.createdAt(),
                signing.key().destroyedAt(),
                ending));
    }

    /** Ends every signing: the instance stops, and no key outlives it. */
    @Override
    public void close() {
        List.copyOf(byId.values()).forEach(signing -> end(signing, "stopped"));
    }

    private OneTimeSigning create(Person person) {
        Instant createdAt = clock.instant();
        OneTimeKey key = token.generate();
        try {
            byte[] request = new JcaPKCS10CertificationRequestBuilder(person.subject(), key.publicKey())
                    .build(key.contentSigner())
                    .getEncoded();
            List<X509Certificate> chain = ca.enrol(request, person.subject());
            key.certified(chain);
            log.info(
                    "One-time certificate {} for {} until {}",
                    chain.get(0).getSerialNumber().toString(16),
                    person.masked(),
                    chain.get(0).getNotAfter().toInstant());
            return new OneTimeSigning(UUID.randomUUID().toString(), person, key, chain, createdAt);
        } catch (IOException e) {
            key.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            key.close();
            throw e;
        }
    }
}
