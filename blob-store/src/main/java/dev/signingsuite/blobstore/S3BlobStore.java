package dev.signingsuite.blobstore;

import dev.signingsuite.events.BlobRef;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Blobs as objects of one S3 bucket, for services on many machines. Keys are {@code
 * <prefix>/<tenant>/<random id>}: a redelivered intake record stores a second object rather than
 * reading what is there, so the store never lists, and a reference names one tenant's object.
 *
 * <p>Content is read in parts of {@code partSize} bytes: a document that fits in one part is one
 * PUT, a larger one a multipart upload, so at most one part is held in memory. Each part carries
 * its SHA-256 (S3 refuses a part whose bytes do not match it); the whole document's SHA-256 and
 * size are computed on the way for the {@link BlobRef}. A failed or too large upload is aborted, so
 * S3 keeps neither an object nor parts.
 */
public final class S3BlobStore implements BlobStore, Closeable {

    static final String SCHEME = "s3://";
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TENANT_AND_ID = Pattern.compile("([A-Za-z0-9._:-]{1,128})/[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;
    private final int partSize;

    /**
     * @param prefix the folder of every key, without slashes around it; empty for the bucket's root
     * @param partSize the size above which a multipart upload starts and of each of its parts; S3
     *     refuses parts below 5 MiB except the last
     */
    public S3BlobStore(S3Client s3, String bucket, String prefix, int partSize) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must be named");
        }
        if (partSize < 1) {
            throw new IllegalArgumentException("partSize must be positive but was " + partSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.keyPrefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
        this.partSize = partSize;
    }

    @Override
    public BlobRef put(String tenantId, InputStream content, String mediaType, long maxBytes) throws IOException {
        if (tenantId == null || !TENANT.matcher(tenantId).matches() || tenantId.startsWith(".")) {
            throw new IllegalArgumentException("tenantId is not a valid identifier");
        }
        String key = keyPrefix + tenantId + "/" + HexFormat.of().formatHex(randomId());
        MeteredInput in = new MeteredInput(content, maxBytes);
        byte[] first = in.readNBytes(partSize);
        try {
            if (first.length < partSize) {
                s3.putObject(
                        put -> put.bucket(bucket)
                                .key(key)
                                .contentType(mediaType)
                                .contentLength((long) first.length)
                                .checksumSHA256(sha256Base64(first)),
                        body(first));
            } else {
                new MultipartUpload(key, mediaType).run(first, in);
            }
        } catch (SdkException e) {
            throw new IOException("S3 refused to store " + SCHEME + bucket + "/" + key + ": " + e.getMessage(), e);
        }
        return new BlobRef(SCHEME + bucket + "/" + key, in.count(), mediaType, in.sha256Hex());
    }

    @Override
    public Optional<String> tenantOf(BlobRef ref) {
        String ours = SCHEME + bucket + "/" + keyPrefix;
        if (!ref.uri().startsWith(ours)) {
            return Optional.empty();
        }
        var matcher = TENANT_AND_ID.matcher(ref.uri().substring(ours.length()));
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    @Override
    public InputStream open(BlobRef ref) throws IOException {
        String uri = ref.uri();
        String ours = SCHEME + bucket + "/";
        if (!uri.startsWith(ours)) {
            throw new BlobNotFoundException(
                    uri,
                    "this store reads bucket '" + bucket + "' only; is every service configured with the same"
                            + " signing.blob-store?");
        }
        String key = uri.substring(ours.length());
        if (!key.startsWith(keyPrefix)
                || !TENANT_AND_ID.matcher(key.substring(keyPrefix.length())).matches()) {
            throw new BlobNotFoundException(uri, "not a key this store writes (prefix '" + keyPrefix + "')");
        }
        try {
            return s3.getObject(get -> get.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(uri);
        } catch (SdkException e) {
            throw new IOException("S3 could not read " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * S3 answers a DELETE of a missing key with success as well, so a HEAD first tells whether the
     * blob was there (for the retention job's count).
     */
    @Override
    public boolean delete(String uri) throws IOException {
        String ours = SCHEME + bucket + "/";
        String key = uri.startsWith(ours) ? uri.substring(ours.length()) : "";
        if (!key.startsWith(keyPrefix)
                || !TENANT_AND_ID.matcher(key.substring(keyPrefix.length())).matches()) {
            throw new IllegalArgumentException("not a reference this store writes: " + uri);
        }
        try {
            try {
                s3.headObject(head -> head.bucket(bucket).key(key));
            } catch (NoSuchKeyException e) {
                return false;
            }
            s3.deleteObject(delete -> delete.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            throw new IOException("S3 could not delete " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Whether the bucket answers: a HEAD on it, for the readiness probe. */
    public void checkBucket() throws IOException {
        try {
            s3.headBucket(head -> head.bucket(bucket));
        } catch (SdkException e) {
            throw new IOException("bucket '" + bucket + "' does not answer: " + e.getMessage(), e);
        }
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void close() {
        s3.close();
    }

    /** One multipart upload; aborted on any failure, so no part is left to pay for. */
    private final class MultipartUpload {

        private final String key;
        private final String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();

        MultipartUpload(String key, String mediaType) {
            this.key = key;
            this.uploadId = s3.createMultipartUpload(create -> create.bucket(bucket)
                            .key(key)
                            .contentType(mediaType)
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256))
                    .uploadId();
        }

        void run(byte[] first, InputStream rest) throws IOException {
            try {
                byte[] part = first;
                while (part.length > 0) {
                    upload(part);
                    part = rest.readNBytes(partSize);
                }
                s3.completeMultipartUpload(complete -> complete.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(parts)));
            } catch (IOException | RuntimeException | Error e) {
                abort(e);
                throw e;
            }
        }

        private void upload(byte[] part) {
            int number = parts.size() + 1;
            String checksum = sha256Base64(part);
            String etag = s3.uploadPart(
                            upload -> upload.bucket(bucket)
                                    .key(key)
                                    .uploadId(uploadId)
                                    .partNumber(number)
                                    .contentLength((long) part.length)
                                    .checksumSHA256(checksum),
                            body(part))
                    .eTag();
            parts.add(CompletedPart.builder()
                    .partNumber(number)
                    .eTag(etag)
                    .checksumSHA256(checksum)
                    .build());
        }

        private void abort(Throwable cause) {
            try {
                s3.abortMultipartUpload(abort -> abort.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static RequestBody body(byte[] bytes) {
        return RequestBody.fromInputStream(new ByteArrayInputStream(bytes), bytes.length);
    }

    private static String sha256Base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(MeteredInput.sha256().digest(bytes));
    }

    private static byte[] randomId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return id;
    }
}
