package dev.signingsuite.provider.onetime.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.provider.onetime.TestDocuments;
import dev.signingsuite.provider.onetime.hsm.Pkcs11Token;
import dev.signingsuite.provider.onetime.hsm.SoftHsmToken;
import dev.signingsuite.provider.onetime.timing.TsaProbe;
import dev.signingsuite.provider.runtime.BatchSigning;
import dev.signingsuite.provider.runtime.DataToSign;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.Resolution;
import dev.signingsuite.provider.runtime.Returned;
import dev.signingsuite.provider.runtime.SignerWaits;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.faults.Simulator;
import dev.signingsuite.sandbox.pki.OneTimeCa;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.model.x509.CertificateToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneTimeSignerTest {

    private static final Duration MARGIN = Duration.ofSeconds(5);

    @TempDir
    static Path pkiDir;

    private static TestPki pki;

    private final MutableClock clock = TestClock.startingAt(TestClock.now());
    private final List<SigningAudit.Entry> audit = new ArrayList<>();
    private Pkcs11Token token;
    private SandboxCa ca;
    private OneTimeSignings signings;
    private OneTimeSigner signer;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.loadOrCreate(pkiDir, PkiSettings.defaults(), SandboxEntities.ALL, TestClock.system());
    }

    @BeforeEach
    void token() {
        token = Pkcs11Token.open(SoftHsmToken.properties(), clock);
        ca = new SandboxCa(new OneTimeCa(pki, PkiSettings.defaults(), OneTimeCa.DEFAULT_VALIDITY, clock));
        signings = new OneTimeSignings(token, ca, audit::add, clock, MARGIN);
        signer = OneTimeSigner.withoutLogin(signings, 100, clock);
    }

    @AfterEach
    void close() {
        signings.close();
        token.close();
    }

    @Test
    void signsABatchWithOneKeyAndOneMinuteCertificateAndDestroysTheKeyWhenTheCertificateEnds() throws Exception {
        List<HashComputed> documents = IntStream.range(0, 3)
                .mapToObj(i -> TestDocuments.hashComputed("doc-" + i, "batch-1", TestDocuments.PERSON, clock.instant()))
                .toList();

        List<SigningOutcome> outcomes =
                new BatchSigning(signer, new DataToSign(), clock, new SimpleMeterRegistry()).sign(documents);

        assertThat(outcomes).hasSize(3).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(ca.issued).as("one certificate per authorised signing").hasValue(1);
        List<CertificateToken> certificates = outcomes.stream()
                .map(outcome -> DssParameters.certificate(
                        ((SigningOutcome.Signed) outcome).parameters().signingCertificate()))
                .distinct()
                .toList();
        assertThat(certificates).hasSize(1);
        CertificateToken certificate = certificates.get(0);
        assertThat(Duration.between(
                        certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant()))
                .isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(X500Name.getInstance(certificate
                                .getCertificate()
                                .getSubjectX500Principal()
                                .getEncoded())
                        .getRDNs(BCStyle.SERIALNUMBER)[0]
                        .getFirst()
                        .getValue()
                        .toString())
                .isEqualTo("PNOLV-010101-10006");
        assertThat(certificate.getCertificate().getKeyUsage()[1])
                .as("nonRepudiation")
                .isTrue();
        for (SigningOutcome outcome : outcomes) {
            assertThat(((SigningOutcome.Signed) outcome).parameters().signingDate())
                    .isBetween(
                            certificate.getNotBefore().toInstant(),
                            certificate.getNotAfter().toInstant());
        }
        assertThat(token.oneTimeKeys()).hasSize(1);

        clock.advance(Duration.ofSeconds(60));
        assertThat(signings.sweep()).isEqualTo(1);

        assertThat(token.oneTimeKeys()).isEmpty();
        assertThat(SoftHsmToken.storedObjects()).isZero();
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.person().identifier()).isEqualTo("PNOLV-010101-10006");
            assertThat(entry.documentIds()).containsExactly("doc-0", "doc-1", "doc-2");
            assertThat(entry.certificateSerial()).isEqualTo(certificate.getSerialNumber());
            assertThat(entry.publicKeyHash()).hasSize(64);
            assertThat(entry.keyDestroyedAt()).isEqualTo(clock.instant());
            assertThat(entry.ending()).isEqualTo("expired");
        });
    }

    @Test
    void refusesToSignOnceTheCertificateExpiredAndDestroysTheKeyFirst() throws Exception {
        HashComputed document = TestDocuments.hashComputed("late", "batch-2", TestDocuments.PERSON, clock.instant());
        Resolution.Sign resolved = (Resolution.Sign) signer.resolve(document);
        PreparedSignature prepared = new PreparedSignature(document, null, new byte[0], new byte[32]);

        clock.advance(Duration.ofSeconds(56)); // inside the validity, but not by the margin

        assertThat(signer.sign(resolved.signer(), List.of(prepared)))
                .singleElement()
                .satisfies(returned -> {
                    assertThat(returned).isInstanceOf(Returned.Failed.class);
                    assertThat(((Returned.Failed) returned).reason()).isEqualTo(FailureReason.CERTIFICATE_INVALID);
                    assertThat(((Returned.Failed) returned).message()).contains("no signature was made");
                });
        assertThat(token.oneTimeKeys()).isEmpty();
        assertThat(audit)
                .singleElement()
                .satisfies(entry -> assertThat(entry.documentIds()).isEmpty());
    }

    /**
     * ADR 20: while no TSA answers, no key is generated and no certificate issued; the documents wait
     * (the poll is parked) and are signed once the TSA is back. A signing already open stops signing
     * when the TSA goes away, too.
     */
    @Test
    void noOneTimeSigningStartsWhileTheTsaIsAwayTheDocumentsWaitInstead(@TempDir Path sandboxDir) throws Exception {
        try (Sandbox sandbox = Sandbox.start(new SandboxSettings(sandboxDir, "127.0.0.1", 0), clock)) {
            TsaProbe probe =
                    new TsaProbe(List.of(sandbox.tsaUrl()), Duration.ofSeconds(5), Duration.ofSeconds(5), clock);
            OneTimeSigner gated = OneTimeSigner.withoutLogin(signings, probe, 100, clock);
            BatchSigning batch = new BatchSigning(gated, new DataToSign(), clock, new SimpleMeterRegistry());
            List<HashComputed> documents =
                    List.of(TestDocuments.hashComputed("tsa-1", "batch-tsa", TestDocuments.PERSON, clock.instant()));
            sandbox.faults().outage(Simulator.TSA, Duration.ofMinutes(5));

            BatchSigning.Result away = batch.signOrWait(documents);

            assertThat(away.parked()).as("the documents wait for the TSA").isTrue();
            assertThat(away.decided()).isZero();
            assertThat(away.outage()).contains("no one-time signing starts");
            assertThat(token.oneTimeKeys()).as("no key generated").isEmpty();
            assertThat(ca.issued).as("no certificate issued").hasValue(0);

            sandbox.faults().clear();
            BatchSigning.Result back = batch.signOrWait(documents);

            assertThat(back.decided()).isEqualTo(1);
            assertThat(back.outcomes()).singleElement().isInstanceOf(SigningOutcome.Signed.class);

            // An open signing: the TSA goes away after its certificate was issued.
            HashComputed next = TestDocuments.hashComputed("tsa-2", "batch-tsa", TestDocuments.PERSON, clock.instant());
            Resolution.Sign resolved = (Resolution.Sign) gated.resolve(next);
            sandbox.faults().outage(Simulator.TSA, Duration.ofMinutes(5));
            clock.advance(Duration.ofSeconds(6)); // past the last answer's freshness
            PreparedSignature prepared = new PreparedSignature(next, null, new byte[0], new byte[32]);

            assertThatThrownBy(() -> gated.sign(resolved.signer(), List.of(prepared)))
                    .isInstanceOfSatisfying(
                            SignerWaits.class,
                            waits -> assertThat(waits.outage()).isTrue());
            assertThat(signings.byId(resolved.signer().id()).documentIds())
                    .as("nothing signed while the TSA is away")
                    .containsExactly("tsa-1");
        }
    }

    @Test
    void eachPersonAndBatchGetsItsOwnKey() {
        signer.resolve(TestDocuments.hashComputed("a", "batch-a", TestDocuments.PERSON, clock.instant()));
        signer.resolve(TestDocuments.hashComputed("b", "batch-a", TestDocuments.PERSON, clock.instant()));
        signer.resolve(TestDocuments.hashComputed("c", "batch-b", TestDocuments.PERSON, clock.instant()));
        signer.resolve(TestDocuments.hashComputed("d", "batch-a", "PNOLV-020202-20002/TWO TIME", clock.instant()));

        assertThat(token.oneTimeKeys()).hasSize(3);
        assertThat(ca.issued).hasValue(3);
    }

    @Test
    void anUnnamedSignerIsRefused() {
        Resolution resolution =
                signer.resolve(TestDocuments.hashComputed("x", "batch-x", "sandbox-seal", clock.instant()));

        assertThat(resolution)
                .isInstanceOfSatisfying(
                        Resolution.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(FailureReason.ACCOUNT_NOT_FOUND));
        assertThat(token.oneTimeKeys()).isEmpty();
    }

    @Test
    void withoutATokenEveryDocumentFailsStageUnavailableSayingWhatToInstall() {
        OneTimeSigner without = OneTimeSigner.unavailable("no PKCS#11 library at /x: install softhsm2", clock);

        Resolution resolution =
                without.resolve(TestDocuments.hashComputed("y", "batch-y", TestDocuments.PERSON, clock.instant()));

        assertThat(resolution).isInstanceOfSatisfying(Resolution.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(FailureReason.STAGE_UNAVAILABLE);
            assertThat(refused.message()).contains("install softhsm2");
        });
    }
}
