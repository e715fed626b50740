package dev.signingsuite.blobstore.config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An S3 client from {@code signing.blob-store.s3}-shaped properties: the blob store's, and the
 * gateway's for the buckets back offices put intake documents in.
 */
public final class S3Clients {

    private S3Clients() {}

    public static S3Client create(BlobStoreProperties.S3 properties) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(properties.region()))
                .forcePathStyle(properties.pathStyleAccess())
                .credentialsProvider(credentials(properties));
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(BlobStoreProperties.S3 properties) {
        if (properties.accessKeyId() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey()));
    }
}
