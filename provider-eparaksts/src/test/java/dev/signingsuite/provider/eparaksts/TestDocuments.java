package dev.signingsuite.provider.eparaksts;

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

/** HashComputed events as hash-service writes them: a real ASiC manifest over fake blobs. */
public final class TestDocuments {

    private TestDocuments() {}

    public static HashComputed hashComputed(String documentId, String identity) {
        String sha256 = sha256Hex("content of " + documentId);
        List<DataFile> files = List.of(new DataFile(
                "invoice-" + documentId + ".pdf", new BlobRef("fs:demo/" + sha256, 1234, "application/pdf", sha256)));
        return new HashComputed(
                HashComputed.SCHEMA_VERSION,
                documentId,
                "batch-1",
                "demo",
                "ref-" + documentId,
                new SignerRef(Provider.EPARAKSTS, identity),
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
