package dev.signingsuite.augmentation.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.augmentation.ReturnedSignatures;
import dev.signingsuite.augmentation.Sandboxes;
import dev.signingsuite.augmentation.signature.SignatureAugmenter;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.testclock.TestClock;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingOcspSourceTest {

    @TempDir
    static Path dataDir;

    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(dataDir);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void documentsAfterTheFirstOfOneSignerCauseNoOcspRequest() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TrustServices trust = TrustServices.create(Sandboxes.properties(sandbox, dataDir), meters, TestClock.system());
        SignatureAugmenter augmenter = new SignatureAugmenter(trust.signatures(), trust.ocsp(), TestClock.system());
        PkiEntity seal = Sandboxes.seal(sandbox);

        long before = sandbox.ocspResponder().requestCount();
        SignatureAugmented first = augment(augmenter, seal);
        long afterFirst = sandbox.ocspResponder().requestCount();
        for (int document = 2; document <= 5; document++) {
            SignatureAugmented next = augment(augmenter, seal);
            assertThat(ocspResponses(next))
                    .as("document %d carries an OCSP response", document)
                    .isNotEmpty();
        }

        assertThat(afterFirst - before)
                .as("the first document asks the responder")
                .isPositive();
        assertThat(ocspResponses(first)).isNotEmpty();
        assertThat(sandbox.ocspResponder().requestCount())
                .as("documents 2..5 reuse the cached responses")
                .isEqualTo(afterFirst);
        assertThat(meters.counter("signing.ocsp.cache", "result", "miss").count())
                .isEqualTo((double) (afterFirst - before));
        assertThat(meters.counter("signing.ocsp.cache", "result", "hit").count())
                .isGreaterThanOrEqualTo(4);
        assertThat(meters.timer("signing.ocsp.requests", "outcome", "success", "endpoint", "aia")
                        .count())
                .isEqualTo(afterFirst - before);
        assertThat(meters.timer(
                                "signing.tsp.requests",
                                "outcome",
                                "success",
                                "endpoint",
                                sandbox.tsaUrl().toString())
                        .count())
                .as("one signature timestamp per document")
                .isEqualTo(5);
    }

    @Test
    void aResponseProducedBeforeTheGivenMomentIsReplacedByAFreshOneThatLaterCallersReuse() {
        TrustServices trust = TrustServices.create(
                Sandboxes.properties(sandbox, dataDir), new SimpleMeterRegistry(), TestClock.system());
        PkiEntity seal = Sandboxes.seal(sandbox);
        CertificateToken certificate = new CertificateToken(seal.certificate());
        CertificateToken issuer = new CertificateToken(seal.chain().get(1));

        OCSPToken cached = trust.ocsp().getRevocationToken(certificate, issuer);
        Instant produced = cached.getProductionDate().toInstant();
        long afterFirst = sandbox.ocspResponder().requestCount();

        OCSPToken older = trust.ocsp().getRevocationToken(certificate, issuer, produced.minusSeconds(1));
        assertThat(sandbox.ocspResponder().requestCount())
                .as("a response produced after the moment is reused")
                .isEqualTo(afterFirst);
        assertThat(older.getProductionDate()).isEqualTo(cached.getProductionDate());

        trust.ocsp().getRevocationToken(certificate, issuer, produced);
        long afterFresh = sandbox.ocspResponder().requestCount();
        assertThat(afterFresh)
                .as("a response produced at the moment is not reused: the responder is asked again")
                .isGreaterThan(afterFirst);
        trust.ocsp().getRevocationToken(certificate, issuer);
        assertThat(sandbox.ocspResponder().requestCount())
                .as("the fresh response is cached for later callers")
                .isEqualTo(afterFresh);
    }

    private static SignatureAugmented augment(SignatureAugmenter augmenter, PkiEntity signer) {
        return (SignatureAugmented) augmenter.augment(ReturnedSignatures.signedBy(
                signer, SignatureLevel.LT, UUID.randomUUID().toString()));
    }

    private static java.util.Collection<?> ocspResponses(SignatureAugmented augmented) throws Exception {
        return new CMSSignedData(augmented.signature().content())
                .getOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response)
                .getMatches(null);
    }
}
