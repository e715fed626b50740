package dev.signingsuite.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.sandbox.SharedPki;
import dev.signingsuite.testclock.TestClock;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    private final TestPki pki = SharedPki.get();

    @Test
    void everyChainValidatesToTheRoot() throws Exception {
        TrustAnchor anchor = new TrustAnchor(pki.root().certificate(), null);
        PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
        parameters.setRevocationEnabled(false);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (PkiEntity entity : pki.entities()) {
            if (entity.name().equals(SandboxEntities.ROOT_CA)) {
                entity.certificate().verify(entity.certificate().getPublicKey());
                continue;
            }
            List<X509Certificate> path =
                    entity.chain().subList(0, entity.chain().size() - 1);
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
            assertThat(entity.chain().get(entity.chain().size() - 1))
                    .isEqualTo(pki.root().certificate());
        }
        assertThat(pki.entities()).hasSize(SandboxEntities.ALL.size());
    }

    @Test
    void validityStartsADayAgoAndLastsTheConfiguredYears() {
        Instant dayAgo = TestClock.now().minus(Duration.ofDays(1));
        for (PkiEntity entity : pki.entities()) {
            Instant notBefore = entity.certificate().getNotBefore().toInstant();
            assertThat(Duration.between(notBefore, dayAgo).abs()).isLessThan(Duration.ofMinutes(10));
        }
        assertThat(years(pki.root())).isEqualTo(20);
        assertThat(years(pki.issuingCa())).isEqualTo(10);
        assertThat(years(pki.entity(SandboxEntities.SEAL))).isEqualTo(3);
        assertThat(((RSAKey) pki.root().certificate().getPublicKey())
                        .getModulus()
                        .bitLength())
                .isEqualTo(3072);
        assertThat(pki.entity(SandboxEntities.SEAL).certificate().getSigAlgName())
                .isEqualTo("SHA256withRSA");
    }

    @Test
    void revocationRegistryKnowsWhatThePkiIssued() {
        BigInteger seal = pki.entity(SandboxEntities.SEAL).certificate().getSerialNumber();
        X509Certificate revoked = pki.entity(SandboxEntities.REVOKED).certificate();

        assertThat(pki.revocationStatus(seal)).isEqualTo(RevocationStatus.GOOD);
        assertThat(pki.revocationStatus(BigInteger.valueOf(42))).isEqualTo(RevocationStatus.UNKNOWN);
        assertThat(pki.revocationStatus(revoked.getSerialNumber()))
                .isInstanceOfSatisfying(RevocationStatus.Revoked.class, status -> {
                    assertThat(status.reason()).isEqualTo(CRLReason.keyCompromise);
                    // generated one day after the certificate's notBefore
                    assertThat(status.revokedAt())
                            .isEqualTo(revoked.getNotBefore().toInstant().plus(Duration.ofDays(1)));
                });
    }

    @Test
    void reloadingGivesTheSameKeysAndCertificates(@TempDir Path dir) throws Exception {
        TestPki first = TestPki.loadOrCreate(dir, PkiSettings.defaults());
        TestPki again = TestPki.loadOrCreate(dir, PkiSettings.defaults());
        for (PkiEntity entity : first.entities()) {
            PkiEntity reloaded = again.entity(entity.name());
            assertThat(reloaded.certificate()).isEqualTo(entity.certificate());
            assertThat(reloaded.privateKey().getEncoded())
                    .isEqualTo(entity.privateKey().getEncoded());
            assertThat(reloaded.chain()).isEqualTo(entity.chain());
            assertThat(dir.resolve(entity.name() + ".p12")).isRegularFile();
            assertThat(dir.resolve(entity.name() + ".pem")).isRegularFile();
        }
        BigInteger revoked = first.entity(SandboxEntities.REVOKED).certificate().getSerialNumber();
        assertThat(again.revocationStatus(revoked)).isEqualTo(first.revocationStatus(revoked));
        assertThat(dir.resolve("revocations.properties")).content().contains(revoked.toString(16));
    }

    @Test
    void aFreshDirectoryGetsNewKeys(@TempDir Path dir) throws Exception {
        TestPki fresh = TestPki.loadOrCreate(dir, PkiSettings.defaults());
        assertThat(fresh.root().certificate().getPublicKey())
                .isNotEqualTo(pki.root().certificate().getPublicKey());
        assertThat(fresh.root().certificate().getSubjectX500Principal())
                .isEqualTo(pki.root().certificate().getSubjectX500Principal());
    }

    @Test
    void concurrentStartsOnOneDirectoryAgreeAndLaterEntitiesJoinTheExistingCas(@TempDir Path dir) throws Exception {
        CompletableFuture<TestPki> one = CompletableFuture.supplyAsync(() -> load(dir, SandboxEntities.ALL));
        CompletableFuture<TestPki> two = CompletableFuture.supplyAsync(() -> load(dir, SandboxEntities.ALL));
        assertThat(one.get().root().certificate()).isEqualTo(two.get().root().certificate());
        assertThat(one.get().entity(SandboxEntities.SEAL).certificate())
                .isEqualTo(two.get().entity(SandboxEntities.SEAL).certificate());
        assertThat(Files.list(dir).map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));

        List<EntitySpec> withEc = new ArrayList<>(SandboxEntities.ALL);
        withEc.add(new EntitySpec(
                "ec-seal",
                SandboxEntities.ISSUING_CA,
                "C=LV, O=Sandbox Invoicing SIA, CN=Sandbox Invoicing SIA EC",
                KeyKind.EC_P256,
                Period.ofYears(3),
                CertificateProfile.QUALIFIED_SEAL,
                false));
        TestPki extended = load(dir, withEc);
        assertThat(extended.issuingCa().certificate())
                .isEqualTo(one.get().issuingCa().certificate());
        PkiEntity ec = extended.entity("ec-seal");
        ec.certificate().verify(one.get().issuingCa().certificate().getPublicKey());
        assertThat(ec.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(ec.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void exportsTheRootAndTheIssuingCaAsPem(@TempDir Path dir) throws Exception {
        Path pem = pki.exportTrustAnchor(dir.resolve("nested/trust-anchor.pem"));
        assertThat(pem).content().startsWith("-----BEGIN CERTIFICATE-----");
        List<java.security.cert.Certificate> parsed = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))));
        assertThat(parsed)
                .containsExactly(pki.root().certificate(), pki.issuingCa().certificate());
    }

    @Test
    void issuedForTheClockItIsGiven(@TempDir Path dir) throws Exception {
        Instant at = Instant.parse("2031-05-17T12:00:00Z");

        TestPki issued = TestPki.loadOrCreate(dir, PkiSettings.defaults(), SandboxEntities.ALL, fixed(at));

        for (PkiEntity entity : issued.entities()) {
            assertThat(entity.certificate().getNotBefore().toInstant()).isEqualTo(at.minus(Duration.ofDays(1)));
            entity.certificate().checkValidity(Date.from(at));
        }
        X509Certificate revoked = issued.entity(SandboxEntities.REVOKED).certificate();
        assertThat(issued.revocationStatus(revoked.getSerialNumber()))
                .isEqualTo(new RevocationStatus.Revoked(at, CRLReason.keyCompromise));
    }

    @Test
    void endEntitiesNearTheirExpiryAreRenewedWithTheirOwnKeysAndOldCertificatesStayGood(@TempDir Path dir)
            throws Exception {
        Instant issuedAt = Instant.parse("2026-11-23T09:00:00Z");
        TestPki first = TestPki.loadOrCreate(dir, PkiSettings.defaults(), SandboxEntities.ALL, fixed(issuedAt));
        // 2 years 10 months later: a three-year certificate has less than a tenth of its life left.
        Instant later =
                issuedAt.atOffset(ZoneOffset.UTC).plusYears(2).plusMonths(10).toInstant();

        TestPki renewed = TestPki.loadOrCreate(dir, PkiSettings.defaults(), SandboxEntities.ALL, fixed(later));

        assertThat(renewed.root().certificate()).isEqualTo(first.root().certificate());
        assertThat(renewed.issuingCa().certificate())
                .isEqualTo(first.issuingCa().certificate());
        PkiEntity oldSeal = first.entity(SandboxEntities.SEAL);
        PkiEntity newSeal = renewed.entity(SandboxEntities.SEAL);
        assertThat(newSeal.certificate()).isNotEqualTo(oldSeal.certificate());
        assertThat(newSeal.certificate().getPublicKey())
                .isEqualTo(oldSeal.certificate().getPublicKey());
        assertThat(newSeal.certificate().getSubjectX500Principal())
                .isEqualTo(oldSeal.certificate().getSubjectX500Principal());
        assertThat(newSeal.certificate().getExtensionValue("2.5.29.15"))
                .as("same key usage")
                .isEqualTo(oldSeal.certificate().getExtensionValue("2.5.29.15"));
        newSeal.certificate().checkValidity(Date.from(later.plus(Duration.ofDays(2 * 365))));
        assertThat(renewed.revocationStatus(oldSeal.certificate().getSerialNumber()))
                .as("what the old certificate sealed stays valid")
                .isEqualTo(RevocationStatus.GOOD);
        assertThat(renewed.revocationStatus(
                        renewed.entity(SandboxEntities.REVOKED).certificate().getSerialNumber()))
                .isInstanceOf(RevocationStatus.Revoked.class);
        assertThat(dir.resolve("retired-serials.txt"))
                .content()
                .contains(oldSeal.certificate().getSerialNumber().toString(16));

        TestPki reloaded = TestPki.loadOrCreate(dir, PkiSettings.defaults(), SandboxEntities.ALL, fixed(later));
        assertThat(reloaded.entity(SandboxEntities.SEAL).certificate()).isEqualTo(newSeal.certificate());
        assertThat(reloaded.revocationStatus(oldSeal.certificate().getSerialNumber()))
                .isEqualTo(RevocationStatus.GOOD);
    }

    @Test
    void aRenewedIssuingCaRenewsWhatItIssuedAndEveryChainStillValidates(@TempDir Path dir) throws Exception {
        Instant issuedAt = Instant.parse("2026-11-23T09:00:00Z");
        TestPki first = TestPki.loadOrCreate(dir, PkiSettings.defaults(), SandboxEntities.ALL, fixed(issuedAt));
        Instant later =
                issuedAt.atOffset(ZoneOffset.UTC).plusYears(9).plusMonths(6).toInstant();

        TestPki renewed = TestPki.loadOrCreate(dir, PkiSettings.defaults(), SandboxEntities.ALL, fixed(later));

        assertThat(renewed.root().certificate()).isEqualTo(first.root().certificate());
        assertThat(renewed.issuingCa().certificate())
                .isNotEqualTo(first.issuingCa().certificate());
        assertThat(renewed.issuingCa().certificate().getPublicKey())
                .isEqualTo(first.issuingCa().certificate().getPublicKey());
        PKIXParameters parameters =
                new PKIXParameters(Set.of(new TrustAnchor(renewed.root().certificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(later));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (PkiEntity entity : renewed.entities()) {
            if (entity.name().equals(SandboxEntities.ROOT_CA)) {
                continue;
            }
            assertThat(entity.issuerCertificate())
                    .isEqualTo(
                            entity.name().equals(SandboxEntities.ISSUING_CA)
                                    ? renewed.root().certificate()
                                    : renewed.issuingCa().certificate());
            CertPathValidator.getInstance("PKIX")
                    .validate(
                            factory.generateCertPath(
                                    entity.chain().subList(0, entity.chain().size() - 1)),
                            parameters);
        }
        // A certificate of the old issuing CA still verifies under the renewed one: same name, same key.
        first.entity(SandboxEntities.SEAL)
                .certificate()
                .verify(renewed.issuingCa().certificate().getPublicKey());
    }

    @Test
    void aCertificateNotYetValidAtTheClocksTimeIsReissued(@TempDir Path dir) throws Exception {
        Instant issuedAt = Instant.parse("2026-11-23T09:00:00Z");
        TestPki first = TestPki.loadOrCreate(dir, PkiSettings.defaults(), SandboxEntities.ALL, fixed(issuedAt));
        Instant earlier = issuedAt.minus(Duration.ofDays(30));

        TestPki reissued = TestPki.loadOrCreate(dir, PkiSettings.defaults(), SandboxEntities.ALL, fixed(earlier));

        assertThat(reissued.root().certificate().getPublicKey())
                .isEqualTo(first.root().certificate().getPublicKey());
        for (PkiEntity entity : reissued.entities()) {
            entity.certificate().checkValidity(Date.from(earlier));
        }
    }

    @Test
    void unknownEntityNamesTheKnownOnes() {
        assertThatThrownBy(() -> pki.entity("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seal");
    }

    private static Clock fixed(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static TestPki load(Path dir, List<EntitySpec> specs) {
        try {
            return TestPki.loadOrCreate(dir, PkiSettings.defaults(), specs);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long years(PkiEntity entity) {
        return Period.between(
                        entity.certificate()
                                .getNotBefore()
                                .toInstant()
                                .atZone(ZoneOffset.UTC)
                                .toLocalDate(),
                        entity.certificate()
                                .getNotAfter()
                                .toInstant()
                                .atZone(ZoneOffset.UTC)
                                .toLocalDate())
                .getYears();
    }
}
