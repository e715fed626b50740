package dev.signingsuite.blobstore.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the suite keeps document bytes: one store that every service of a deployment shares.
 *
 * @param type {@code filesystem} (one machine, or a shared volume) or {@code s3} (many machines)
 * @param root the filesystem store's directory; {@code ${SIGNING_DATA_DIR:./data}/blobs} when
 *     absent
 * @param s3 the S3 store's bucket and connection
 */
@Validated
@ConfigurationProperties("signing.blob-store")
public record BlobStoreProperties(
        @DefaultValue("filesystem") @NotNull Type type,
        Path root,
        @DefaultValue @Valid S3 s3) {

    static final String DEFAULT_ROOT = "${SIGNING_DATA_DIR:./data}/blobs";

    public enum Type {
        FILESYSTEM,
        S3
    }

    @AssertTrue(message = "signing.blob-store.s3.bucket must be set when signing.blob-store.type is s3")
    public boolean isBucketNamedWhenS3() {
        return type != Type.S3
                || (s3 != null && s3.bucket() != null && !s3.bucket().isBlank());
    }

    /**
     * @param endpoint the S3 API's address; absent for AWS itself (then the region decides)
     * @param region the signing region; S3Proxy and MinIO accept any
     * @param bucket the one bucket every service reads and writes; never listed
     * @param prefix a folder for every key, so one bucket can hold several deployments
     * @param pathStyleAccess {@code http://host/bucket/key} rather than {@code
     *     http://bucket.host/key}: true for S3Proxy and MinIO
     * @param accessKeyId with {@code secretAccessKey}, static credentials; both absent means the
     *     AWS default chain (environment, profile, web identity, instance role)
     * @param secretAccessKey never printed
     * @param multipartThreshold documents above it go up in parts of this size; S3 refuses parts
     *     below 5MB and holds one part of each upload in memory
     */
    public record S3(
            URI endpoint,
            @DefaultValue("us-east-1") @NotBlank String region,
            String bucket,

            @DefaultValue("")
            @Pattern(
                    regexp = "([A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)?",
                    message = "must be" + " folder names separated by '/', without a leading or trailing '/'")
            String prefix,

            @DefaultValue("false") boolean pathStyleAccess,
            String accessKeyId,
            String secretAccessKey,
            @DefaultValue("8MB") @NotNull DataSize multipartThreshold) {

        private static final DataSize SMALLEST_PART = DataSize.ofMegabytes(5);
        private static final DataSize LARGEST_PART = DataSize.ofBytes(Integer.MAX_VALUE);

        @AssertTrue(message = "multipart-threshold must lie between 5MB (S3's smallest part) and 2GB")
        public boolean isMultipartThresholdAPartSize() {
            return multipartThreshold == null
                    || (multipartThreshold.compareTo(SMALLEST_PART) >= 0
                            && multipartThreshold.compareTo(LARGEST_PART) <= 0);
        }

        @AssertTrue(message = "access-key-id and secret-access-key must be set together, or both left out")
        public boolean isCredentialPairComplete() {
            return (accessKeyId == null) == (secretAccessKey == null);
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                    + ", pathStyleAccess=" + pathStyleAccess + ", accessKeyId=" + accessKeyId
                    + ", secretAccessKey=" + (secretAccessKey == null ? "null" : "(hidden)")
                    + ", multipartThreshold=" + multipartThreshold + "]";
        }
    }
}
