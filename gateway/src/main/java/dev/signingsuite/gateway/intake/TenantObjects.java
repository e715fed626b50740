package dev.signingsuite.gateway.intake;

import dev.signingsuite.events.ContentObject;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.gateway.config.IntakeObjectsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Documents back offices put into their own S3 buckets for the Kafka intake to fetch ({@link
 * ContentObject}). A tenant reaches only the locations configured for it: the gateway's S3
 * credentials may read every back office's bucket, so this check, not S3, keeps one tenant from
 * submitting another's document.
 *
 * <p>S3's 4xx answers (no such object, access denied) refuse the record: a retry would get the same
 * answer and block the partition. Anything else is transient and retried.
 */
final class TenantObjects {

    private final IntakeObjectsProperties properties;
    private final Supplier<S3Client> s3;

    /** @param s3 called only when a record names an object, so a gateway without any needs no client */
    public TenantObjects(IntakeObjectsProperties properties, Supplier<S3Client> s3) {
        this.properties = properties;
        this.s3 = s3;
    }

    /**
     * The object's size as S3 reports it, read before its bytes so that an oversized document is
     * refused without a transfer.
     *
     * @throws IntakeRejectedException when the tenant may not read the object or S3 refuses it
     */
    long size(String tenantId, ContentObject object) throws IOException {
        if (!properties.mayRead(tenantId, object.uri())) {
            throw new IntakeRejectedException(
                    FailureReason.INVALID_DOCUMENT,
                    "contentObject.uri lies outside the S3 locations configured for tenant " + tenantId);
        }
        try {
            return s3.get()
                    .headObject(head -> head.bucket(object.bucket()).key(object.key()))
                    .contentLength();
        } catch (SdkException e) {
            throw refusedOrTransient(e);
        }
    }

    /** The object's bytes; call {@link #size} first, which checks that the tenant may read it. */
    InputStream open(ContentObject object) throws IOException {
        try {
            return s3.get().getObject(get -> get.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            throw refusedOrTransient(e);
        }
    }

    private static IOException refusedOrTransient(SdkException e) {
        if (e instanceof S3Exception s3 && s3.statusCode() >= 400 && s3.statusCode() < 500) {
            throw new IntakeRejectedException(
                    FailureReason.INVALID_DOCUMENT,
                    s3.statusCode() == 404
                            ? "no object at contentObject.uri"
                            : "S3 refused to read contentObject.uri (HTTP " + s3.statusCode() + ")");
        }
        return new IOException("S3 could not read the intake object: " + e.getMessage(), e);
    }
}
