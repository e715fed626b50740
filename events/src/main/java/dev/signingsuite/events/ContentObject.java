package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.regex.Pattern;

/**
 * A claim check in the other direction: a document a back office has put into its own S3 bucket,
 * for the gateway to fetch instead of receiving the bytes inline, so that the broker's message limit
 * does not cap a document's size. The gateway reads it only within the locations configured for
 * the submitting tenant, refuses it above its size limit, and refuses it when its bytes do not have
 * {@code sha256}.
 *
 * @param uri {@code s3://<bucket>/<key>}
 * @param sha256 the SHA-256 of the object's bytes as 64 lowercase hex digits, as the back office
 *     computed it before upload
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContentObject(String uri, String sha256) {

    public static final String SCHEME = "s3://";

    // A bucket as S3 names them (lowercase, digits, dots, hyphens), then a key without "." or ".."
    // segments: some S3-compatible servers map keys to files.
    private static final Pattern S3_URI = Pattern.compile(
            "s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/(?!\\.{1,2}(/|$))(?!.*/\\.{1,2}(/|$))[^\\p{Cntrl}]{1,1024}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ContentObject {
        Checks.notBlank(uri, "contentObject.uri");
        if (!S3_URI.matcher(uri).matches()) {
            throw new IllegalArgumentException("contentObject.uri must be s3://<bucket>/<key>, the key without"
                    + " control characters or '.' and '..' segments");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("contentObject.sha256 must be 64 lowercase hex digits");
        }
    }

    /** The bucket part of {@link #uri}. */
    public String bucket() {
        String path = uri.substring(SCHEME.length());
        return path.substring(0, path.indexOf('/'));
    }

    /** The key part of {@link #uri}. */
    public String key() {
        String path = uri.substring(SCHEME.length());
        return path.substring(path.indexOf('/') + 1);
    }
}
