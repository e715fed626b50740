package dev.signingsuite.blobstore;

import dev.signingsuite.events.BlobRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blobs as files under one root, addressed by tenant and content digest: storing the same bytes
 * twice (a redelivered intake record) keeps one file, and a reference cannot name a file outside
 * the root. URIs are {@code fs:<tenant>/<sha256>}, relative to the root, so services that share the
 * directory may mount it at different paths.
 */
public final class FileSystemBlobStore implements BlobStore {

    static final String SCHEME = "fs:";
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern URI = Pattern.compile("fs:([A-Za-z0-9._:-]{1,128})/([0-9a-f]{64})");

    private final Path root;

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    @Override
    public BlobRef put(String tenantId, InputStream content, String mediaType, long maxBytes) throws IOException {
        if (tenantId == null || !TENANT.matcher(tenantId).matches() || tenantId.startsWith(".")) {
            throw new IllegalArgumentException("tenantId is not a valid identifier");
        }
        Path tenantDir = Files.createDirectories(root.resolve(tenantId));
        Path temp = Files.createTempFile(tenantDir, ".incoming-", ".tmp");
        try {
            MessageDigest sha256 = sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                size = copy(content, out, maxBytes);
            }
            String digest = HexFormat.of().formatHex(sha256.digest());
            moveIntoPlace(temp, tenantDir.resolve(digest));
            return new BlobRef(SCHEME + tenantId + "/" + digest, size, mediaType, digest);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<String> tenantOf(BlobRef ref) {
        var matcher = URI.matcher(ref.uri());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    @Override
    public InputStream open(BlobRef ref) throws IOException {
        var matcher = URI.matcher(ref.uri());
        if (!matcher.matches()) {
            throw new BlobNotFoundException(ref.uri());
        }
        try {
            return Files.newInputStream(root.resolve(matcher.group(1)).resolve(matcher.group(2)));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(ref.uri());
        }
    }

    @Override
    public boolean delete(String uri) throws IOException {
        var matcher = URI.matcher(uri);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a reference this store writes: " + uri);
        }
        return Files.deleteIfExists(root.resolve(matcher.group(1)).resolve(matcher.group(2)));
    }

    private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            total += read;
            if (total > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            out.write(buffer, 0, read);
        }
        return total;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // The same content is already stored: content addressing makes this a no-op.
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
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
