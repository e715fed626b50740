package dev.signingsuite.provider.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.signature.AsicManifests;
import eu.europa.esig.dss.model.x509.CertificateToken;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The runtime contract, passed by a provider that implements nothing but the port. */
@TestPropertySource(properties = "spring.config.name=" + TestOnlyProvider.CONFIG_NAME)
class TestOnlyProviderIT extends RemoteSignerContract {

    @Autowired
    private TestOnlySigner signer;

    @Override
    protected String inputTopic() {
        return TOPICS.prefix() + ".hash-computed.test-only.v1";
    }

    @Override
    protected String consumerGroup() {
        return "provider-test-only";
    }

    @Override
    protected HashComputed signable(String documentId) {
        return document(documentId, TestOnlySigner.SEAL);
    }

    @Override
    protected HashComputed waiting(String documentId) {
        return document(documentId, TestOnlySigner.PERSON);
    }

    @Override
    protected void release() {
        signer.release();
    }

    @Override
    protected HashComputed answeredWrongly(String documentId) {
        return document(documentId, TestOnlySigner.WRONG_VALUE);
    }

    @Override
    protected CertificateToken certificate() {
        return signer.resolve(signable("any")) instanceof Resolution.Sign sign
                ? sign.signer().certificate()
                : null;
    }

    @Override
    protected int maxBatchSize() {
        return TestOnlySigner.MAX_BATCH_SIZE;
    }

    @Override
    protected List<Integer> callSizes() {
        return signer.calls();
    }

    /** A HashComputed as hash-service writes it: a real ASiC manifest over a fake blob. */
    private static HashComputed document(String documentId, String identity) {
        String sha256 = sha256Hex("content of " + documentId);
        List<DataFile> files = List.of(new DataFile(
                "invoice-" + documentId + ".pdf", new BlobRef("fs:demo/" + sha256, 1234, "application/pdf", sha256)));
        return new HashComputed(
                HashComputed.SCHEMA_VERSION,
                documentId,
                "batch-1",
                "demo",
                "ref-" + documentId,
                new SignerRef(Provider.CSC, identity),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                "SHA256",
                files,
                AsicManifests.forFiles(files),
                Instant.parse("2026-11-23T08:00:00Z"));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
