package dev.signingsuite.gateway.intake;

import dev.signingsuite.blobstore.config.BlobStoreProperties;
import dev.signingsuite.blobstore.config.S3Clients;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client for back offices' buckets, built on the first record that names an object: most
 * deployments send documents inline and should not need S3 credentials to start.
 */
final class TenantObjectsClient implements Supplier<S3Client>, AutoCloseable {

    private final BlobStoreProperties.S3 connection;
    private S3Client client;

    TenantObjectsClient(BlobStoreProperties.S3 connection) {
        this.connection = connection;
    }

    @Override
    public synchronized S3Client get() {
        if (client == null) {
            client = S3Clients.create(connection);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
