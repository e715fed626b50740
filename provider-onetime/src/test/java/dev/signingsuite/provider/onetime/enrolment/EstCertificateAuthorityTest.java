package dev.signingsuite.provider.onetime.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.est.EnrolmentRefused;
import dev.signingsuite.est.EstCertificateAuthority;
import dev.signingsuite.sandbox.est.EstServer;
import dev.signingsuite.sandbox.pki.CertificationRequests;
import dev.signingsuite.sandbox.pki.OneTimeCa;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.testclock.TestClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstCertificateAuthorityTest {

    private static final Person PERSON = new Person("PNOLV-010101-10006", "ONE TIME");

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static EstServer server;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.loadOrCreate(dir.resolve("pki"), PkiSettings.defaults(), SandboxEntities.ALL, TestClock.system());
        OneTimeCa ca = new OneTimeCa(pki, PkiSettings.defaults(), OneTimeCa.DEFAULT_VALIDITY, TestClock.system());
        server = EstServer.start(ca, 0, "suite-ra", "ra-secret");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void enrolsOverTlsAsTheRegistrationAuthority() throws Exception {
        KeyPair key = CertificationRequests.p256();

        List<X509Certificate> chain = authority("ra-secret")
                .enrol(
                        CertificationRequests.signed(PERSON.subject(), key.getPublic(), key.getPrivate()),
                        PERSON.subject());

        assertThat(chain).hasSize(3);
        assertThat(chain.get(0).getPublicKey()).isEqualTo(key.getPublic());
        assertThat(Duration.between(
                        chain.get(0).getNotBefore().toInstant(),
                        chain.get(0).getNotAfter().toInstant()))
                .isEqualTo(Duration.ofSeconds(60));
        chain.get(0).verify(chain.get(1).getPublicKey());
    }

    @Test
    void aRequestWhoseProofOfPossessionFailsIsRefused() throws Exception {
        byte[] request = CertificationRequests.signed(
                PERSON.subject(),
                CertificationRequests.p256().getPublic(),
                CertificationRequests.p256().getPrivate());

        assertThatThrownBy(() -> authority("ra-secret").enrol(request, PERSON.subject()))
                .isInstanceOf(EnrolmentRefused.class)
                .hasMessageContaining("proof of possession");
    }

    @Test
    void aSubjectOtherThanTheVouchedOneIsRefused() throws Exception {
        KeyPair key = CertificationRequests.p256();
        byte[] request = CertificationRequests.signed(
                new Person("PNOLV-999999-99999", "ONE TIME").subject(), key.getPublic(), key.getPrivate());

        assertThatThrownBy(() -> authority("ra-secret").enrol(request, PERSON.subject()))
                .isInstanceOf(EnrolmentRefused.class)
                .hasMessageContaining("registration authority");
    }

    @Test
    void aRegistrationAuthorityWithTheWrongSecretIsRefused() throws Exception {
        KeyPair key = CertificationRequests.p256();

        assertThatThrownBy(() -> authority("wrong")
                        .enrol(
                                CertificationRequests.signed(PERSON.subject(), key.getPublic(), key.getPrivate()),
                                PERSON.subject()))
                .isInstanceOf(EnrolmentRefused.class)
                .hasMessageContaining("401");
    }

    private static EstCertificateAuthority authority(String secret) throws Exception {
        Path anchors = pki.exportTrustAnchor(dir.resolve("anchors.pem"));
        return new EstCertificateAuthority(
                new EstProperties(server.authority(), anchors, "suite-ra", secret, Duration.ofSeconds(10)).endpoint());
    }
}
