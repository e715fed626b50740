package dev.signingsuite.provider.onetime;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.signature.AsicManifests;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** HashComputed events for one-time signers, with a real ASiC manifest over fake blobs. */
public final class TestDocuments {

    public static final String PERSON = "PNOLV-010101-10006/ONE TIME";

    private TestDocuments() {}

    public static HashComputed hashComputed(String documentId, String batchId, String identity, Instant at) {
        String sha256 = sha256Hex("content of " + documentId);
        List<DataFile> files = List.of(new DataFile(
                "contract-" + documentId + ".pdf", new BlobRef("fs:demo/" + sha256, 1234, "application/pdf", sha256)));
        return new HashComputed(
                HashComputed.SCHEMA_VERSION,
                documentId,
                batchId,
                "demo",
                "ref-" + documentId,
                new SignerRef(Provider.ONETIME, identity),
                SignatureFormat.ASIC_E_CADES,
                SignatureLevel.LT,
                "SHA256",
                files,
                AsicManifests.forFiles(files),
                at);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
