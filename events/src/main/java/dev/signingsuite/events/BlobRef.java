package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.regex.Pattern;

/**
 * A claim check: where document bytes lie in the blob store. Documents are stored once at intake
 * so that only small things travel on Kafka.
 *
 * @param uri the blob store's URI of the bytes
 * @param size the length in bytes, at least 0
 * @param mediaType the media type of the bytes, e.g. {@code application/pdf}
 * @param sha256 the SHA-256 of the bytes as 64 lowercase hex digits, so a reader can check them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlobRef(String uri, long size, String mediaType, String sha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public BlobRef {
        Checks.notBlank(uri, "uri");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative but was " + size);
        }
        Checks.notBlank(mediaType, "mediaType");
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
    }
}
