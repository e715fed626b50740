package dev.signingsuite.container.assembly;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureArtifact;
import dev.signingsuite.signature.AsicLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an ASiC-E container (ETSI EN 319 162-1) to a file, streaming each data file from the blob
 * store so that a large document never sits in memory. The layout: {@code mimetype} first, stored
 * uncompressed without an extra field (so the media type can be read at offset 38 of the file),
 * then the data files, the manifest and the signature.
 */
public final class AsicContainerWriter {

    private static final byte[] MIMETYPE = AsicLayout.MIMETYPE.getBytes(US_ASCII);

    private final BlobStore blobs;

    public AsicContainerWriter(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * @throws dev.signingsuite.blobstore.BlobNotFoundException when a data file is missing
     * @throws DataFileMismatchException when a data file's bytes do not match its reference
     * @throws IllegalArgumentException when two data files share a name
     */
    public void write(Path target, List<DataFile> files, Manifest manifest, SignatureArtifact signature)
            throws IOException {
        Set<String> names = new HashSet<>();
        for (DataFile file : files) {
            if (!names.add(file.name())) {
                throw new IllegalArgumentException("two data files are named " + file.name());
            }
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            zip.putNextEntry(mimetypeEntry());
            zip.write(MIMETYPE);
            zip.closeEntry();
            zip.setMethod(ZipOutputStream.DEFLATED);
            for (DataFile file : files) {
                zip.putNextEntry(new ZipEntry(file.name()));
                copyChecked(file, zip);
                zip.closeEntry();
            }
            writeEntry(zip, manifest.entryName(), manifest.content());
            writeEntry(zip, signature.entryName(), signature.content());
        }
    }

    // A STORED entry needs its size and CRC up front: ZipOutputStream then writes them in the local
    // header and adds no data descriptor.
    private static ZipEntry mimetypeEntry() {
        ZipEntry entry = new ZipEntry(AsicLayout.MIMETYPE_ENTRY);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(MIMETYPE.length);
        entry.setCompressedSize(MIMETYPE.length);
        CRC32 crc = new CRC32();
        crc.update(MIMETYPE);
        entry.setCrc(crc.getValue());
        return entry;
    }

    private static void writeEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    // The blob store is content-addressed, so a mismatch means the stored bytes were damaged.
    private void copyChecked(DataFile file, OutputStream out) throws IOException {
        MessageDigest sha256 = sha256();
        long size;
        try (InputStream in = new DigestInputStream(blobs.open(file.blob()), sha256)) {
            size = in.transferTo(out);
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (size != file.blob().size() || !digest.equals(file.blob().sha256())) {
            throw new DataFileMismatchException(file.name());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
