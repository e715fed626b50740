package dev.signingsuite.s3server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.filesystem.FilesystemApiMetadata;

/**
 * A real S3 API (S3Proxy over jclouds) on a free port of 127.0.0.1, with signature V4
 * authentication and path-style addressing, as MinIO or S3Proxy run beside the suite. In memory
 * ({@link #inMemory()}) for tests, or over a directory ({@link #onDirectory(Path)}) when several
 * processes share it and it should outlive one of them.
 *
 * <p>Tests declare this module at test scope; deploy/standalone runs one as the S3 process of
 * {@code --processes}. It is never on a service's class path: services speak S3 through the AWS
 * SDK, to whatever server a deployment names.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "suite-test-access";
    public static final String SECRET_ACCESS_KEY = "suite-test-secret";
    public static final String REGION = "us-east-1";

    // By metadata, not by name: a lookup by name instantiates every provider on the class path,
    // and S3Proxy's Azure provider needs the Azure SDK, which is excluded.
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3ProxyServer(BlobStoreContext context, int port) throws Exception {
        this.context = context;
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                // S3Proxy 2.6 (and 3.0) answers 501 to x-amz-checksum-sha256, which the suite's
                // S3 store sends with every part; it accepts the header this way but does not
                // check it (AWS S3 and MinIO do).
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw e;
        }
    }

    /** A server whose buckets live in this JVM's memory and end with it. */
    public static S3ProxyServer inMemory() throws Exception {
        return new S3ProxyServer(
                ContextBuilder.newBuilder(new TransientApiMetadata())
                        .credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                        .build(BlobStoreContext.class),
                0);
    }

    /** A server whose buckets are directories under {@code directory}: a restart keeps them. */
    public static S3ProxyServer onDirectory(Path directory) throws Exception {
        return onDirectory(directory, 0);
    }

    /** As {@link #onDirectory(Path)}, on {@code port} of 127.0.0.1 (0: any free one). */
    public static S3ProxyServer onDirectory(Path directory, int port) throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty(
                "jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        return new S3ProxyServer(
                ContextBuilder.newBuilder(new FilesystemApiMetadata())
                        .credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                        .overrides(overrides)
                        .build(BlobStoreContext.class),
                port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Creates {@code bucket} if it does not exist yet. */
    public S3ProxyServer createBucket(String bucket) {
        backend().createContainerInLocation(null, bucket);
        return this;
    }

    /** The jclouds store behind the S3 API: what a test reads to see what really was stored. */
    public BlobStore backend() {
        return context.getBlobStore();
    }

    /**
     * The {@code signing.blob-store} properties that point a service at {@code bucket} on this
     * server, as a service would receive them from its environment.
     */
    public Map<String, String> springProperties(String bucket) {
        return springProperties(endpoint(), bucket);
    }

    /** As {@link #springProperties(String)}, for a server of this kind at {@code endpoint}. */
    public static Map<String, String> springProperties(URI endpoint, String bucket) {
        return Map.of(
                "signing.blob-store.type", "s3",
                "signing.blob-store.s3.endpoint", endpoint.toString(),
                "signing.blob-store.s3.region", REGION,
                "signing.blob-store.s3.bucket", bucket,
                "signing.blob-store.s3.path-style-access", "true",
                "signing.blob-store.s3.access-key-id", ACCESS_KEY_ID,
                "signing.blob-store.s3.secret-access-key", SECRET_ACCESS_KEY);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
