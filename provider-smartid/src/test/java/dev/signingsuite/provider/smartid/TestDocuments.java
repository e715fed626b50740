package dev.signingsuite.provider.smartid;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.signature.AsicManifests;
import dev.signingsuite.testclock.TestClock;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** HashComputed events as hash-service writes them for a Smart-ID signer: a real ASiC manifest over fake blobs. */
final class TestDocuments {

    private TestDocuments() {}

    static HashComputed hashComputed(String documentId, String documentNumber) {
        String sha256 = sha256Hex("content of " + documentId);
        List<DataFile> files = List.of(new DataFile(
                "invoice-" + documentId + ".pdf", new BlobRef("fs:demo/" + sha256, 1234, "application/pdf", sha256)));
        return new HashComputed(
                HashComputed.SCHEMA_VERSION,
                documentId,
                "batch-1",
                "demo",
                "ref-" + documentId,
                new SignerRef(Provider.SMARTID, documentNumber),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                "SHA256",
                files,
                AsicManifests.forFiles(files),
                TestClock.now());
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
