package dev.signingsuite.sandbox.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small PKI for the sandbox: generated once into a data directory and loaded from it afterwards,
 * so signatures made against it yesterday still validate today, and renewed when it loads near the
 * end of a certificate's validity, so a long-lived data directory never reaches the day when every
 * document fails. Immutable and thread-safe.
 */
public final class TestPki {

    private static final Logger log = LoggerFactory.getLogger(TestPki.class);

    private final Map<String, PkiEntity> entities;
    private final Map<BigInteger, RevocationStatus.Revoked> revocations;
    private final Set<BigInteger> issued;

    private TestPki(
            Map<String, PkiEntity> entities,
            Map<BigInteger, RevocationStatus.Revoked> revocations,
            Set<BigInteger> retired) {
        this.entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        this.revocations = Map.copyOf(revocations);
        Set<BigInteger> serials = new HashSet<>(retired);
        entities.values().forEach(entity -> serials.add(entity.certificate().getSerialNumber()));
        this.issued = ConcurrentHashMap.newKeySet();
        this.issued.addAll(serials);
    }

    /** Loads the {@link SandboxEntities#ALL sandbox entities} from {@code dataDir}, generating missing ones. */
    public static TestPki loadOrCreate(Path dataDir, PkiSettings settings) throws IOException {
        return loadOrCreate(dataDir, settings, SandboxEntities.ALL);
    }

    /** As {@link #loadOrCreate(Path, PkiSettings, List, Clock)} on the machine's clock. */
    public static TestPki loadOrCreate(Path dataDir, PkiSettings settings, List<EntitySpec> specs) throws IOException {
        return loadOrCreate(dataDir, settings, specs, Clock.systemUTC());
    }

    /**
     * Loads {@code specs} from {@code dataDir}, generating the entities that have no files yet (an
     * entity added to the list later is generated under the existing CAs) and renewing the
     * certificates that are {@link Renewal#due due} at {@code clock}'s instant. Safe when several
     * threads or processes start on the same directory at once.
     *
     * @param clock what "now" is for the certificates issued here: a test that works at a fixed
     *     instant issues its PKI for that instant, so its certificates are valid then on any day
     */
    public static TestPki loadOrCreate(Path dataDir, PkiSettings settings, List<EntitySpec> specs, Clock clock)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        PkiStore store = new PkiStore(dataDir);
        try (PkiStore.Lock ignored = store.lock()) {
            Map<BigInteger, RevocationStatus.Revoked> revocations = store.loadRevocations();
            Set<BigInteger> retired = store.loadRetired();
            Map<String, PkiEntity> entities = new LinkedHashMap<>();
            CertificateIssuer issuer = new CertificateIssuer(settings, clock.instant());
            for (EntitySpec spec : specs) {
                PkiEntity issuerEntity = spec.selfSigned() ? null : entities.get(spec.issuer());
                if (!spec.selfSigned() && issuerEntity == null) {
                    throw new IllegalArgumentException(
                            "issuer " + spec.issuer() + " must be listed before " + spec.name());
                }
                PkiEntity stored = store.load(spec.name()).orElse(null);
                String renewal = stored == null ? null : renewal(stored, issuerEntity, issuer.now(), dataDir);
                PkiEntity entity = stored;
                if (stored == null) {
                    entity = issue(store, issuer, spec, issuerEntity, null, revocations);
                } else if (renewal != null) {
                    // Retired before the new certificate appears: containers it sealed stay GOOD.
                    retired.add(stored.certificate().getSerialNumber());
                    store.saveRetired(retired);
                    entity = issue(store, issuer, spec, issuerEntity, stored, revocations);
                    log.info("Renewed test PKI entity {} ({}), valid until {}", spec.name(), renewal, notAfter(entity));
                }
                entities.put(spec.name(), entity);
            }
            return new TestPki(entities, revocations, retired);
        }
    }

    // Why the stored entity needs a new certificate, or null when it does not.
    private static String renewal(PkiEntity stored, PkiEntity issuerEntity, Instant now, Path dataDir)
            throws IOException {
        if (issuerEntity != null && !stored.issuerCertificate().equals(issuerEntity.certificate())) {
            if (!Renewal.issuedBy(stored.certificate(), issuerEntity.certificate())) {
                throw new IOException(stored.name() + " in " + dataDir + " was issued by another " + issuerEntity.name()
                        + "; delete the directory to regenerate the PKI");
            }
            return "its issuer was renewed";
        }
        return Renewal.due(stored.certificate(), now) ? "due at " + now : null;
    }

    /**
     * Issues {@code spec}'s certificate: with a new key pair, or with the key of {@code renewed} so
     * that what the entity signed before still verifies and chains through it.
     */
    private static PkiEntity issue(
            PkiStore store,
            CertificateIssuer issuer,
            EntitySpec spec,
            PkiEntity issuerEntity,
            PkiEntity renewed,
            Map<BigInteger, RevocationStatus.Revoked> revocations)
            throws IOException {
        PkiEntity entity;
        try {
            KeyPair keys = renewed == null
                    ? spec.keyKind().generate(spec.keyName())
                    : new KeyPair(renewed.certificate().getPublicKey(), renewed.privateKey());
            entity = issuer.issue(spec, issuerEntity, keys);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue " + spec.name(), e);
        }
        if (spec.revoked()) {
            // Recorded before the key store appears, so the entity is never seen unrevoked.
            revocations.put(
                    entity.certificate().getSerialNumber(),
                    new RevocationStatus.Revoked(issuer.now(), CRLReason.keyCompromise));
            store.saveRevocations(revocations);
        }
        store.save(entity);
        if (renewed == null) {
            log.info(
                    "Generated test PKI entity {}: {}",
                    spec.name(),
                    entity.certificate().getSubjectX500Principal());
        }
        return entity;
    }

    private static Instant notAfter(PkiEntity entity) {
        return entity.certificate().getNotAfter().toInstant();
    }

    /** @throws IllegalArgumentException if the PKI has no entity of that name */
    public PkiEntity entity(String name) {
        PkiEntity entity = entities.get(name);
        if (entity == null) {
            throw new IllegalArgumentException("no entity '" + name + "' in the test PKI; known: " + entities.keySet());
        }
        return entity;
    }

    public Collection<PkiEntity> entities() {
        return entities.values();
    }

    public PkiEntity root() {
        return entity(SandboxEntities.ROOT_CA);
    }

    public PkiEntity issuingCa() {
        return entity(SandboxEntities.ISSUING_CA);
    }

    /**
     * Good or revoked for certificates this PKI issued (renewed ones included: what they signed
     * while valid stays valid), unknown for any other serial number.
     */
    public RevocationStatus revocationStatus(BigInteger serial) {
        RevocationStatus.Revoked revoked = revocations.get(serial);
        if (revoked != null) {
            return revoked;
        }
        return issued.contains(serial) ? RevocationStatus.GOOD : RevocationStatus.UNKNOWN;
    }

    /**
     * Makes a certificate the issuing CA issued after start-up (the one-time CA's) known to the OCSP
     * responder: good from now on. Kept in memory only: after a restart it is unknown again.
     */
    public void published(BigInteger serial) {
        issued.add(serial);
    }

    /**
     * The DER CRL of the CA {@code caName} at {@code now} (next update a day later): the revoked
     * certificates it issued. Null when the PKI has no CA of that name.
     */
    public byte[] crl(String caName, Instant now) {
        PkiEntity ca = entities.get(caName);
        if (ca == null || ca.certificate().getBasicConstraints() < 0) {
            return null;
        }
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(
                            ca.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(1, ChronoUnit.DAYS)));
            for (PkiEntity entity : entities.values()) {
                if (entity != ca && entity.issuerCertificate().equals(ca.certificate())) {
                    BigInteger serial = entity.certificate().getSerialNumber();
                    RevocationStatus.Revoked revoked = revocations.get(serial);
                    if (revoked != null) {
                        builder.addCRLEntry(serial, Date.from(revoked.revokedAt()), revoked.reason());
                    }
                }
            }
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils()
                            .createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.getEpochSecond())));
            return builder.build(new JcaContentSignerBuilder(ca.signatureAlgorithm()).build(ca.privateKey()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the CRL of " + caName, e);
        }
    }

    /**
     * Writes the trust anchors as PEM, atomically; returns {@code pemFile}: every CA of the PKI, the
     * sandbox's root and issuing CA first, then the Smart-ID root and its EID-Q issuing CA (Smart-ID
     * answers carry no chain, so the issuing CA must be a trust anchor). Validators in the EU trust the CAs a trusted list names, and trusted lists name the CAs
     * that issue qualified certificates (the issuing CA), not only roots; the issuing CA publishes
     * no revocation status of its own, so a validator that trusted only the root could never rate
     * a chain through it better than INDETERMINATE.
     */
    public Path exportTrustAnchor(Path pemFile) throws IOException {
        PkiStore.writeAtomically(pemFile, PkiStore.pem(cas().toArray(X509Certificate[]::new)));
        return pemFile;
    }

    /** The CA certificates (basicConstraints CA:true), in the order the PKI lists them. */
    public List<X509Certificate> cas() {
        return entities.values().stream()
                .map(PkiEntity::certificate)
                .filter(c -> c.getBasicConstraints() >= 0)
                .toList();
    }
}
