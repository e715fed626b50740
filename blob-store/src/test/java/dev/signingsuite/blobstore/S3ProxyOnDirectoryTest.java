package dev.signingsuite.blobstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BlobRef;
import dev.signingsuite.s3server.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 server that a multi-process run shares keeps its objects when it restarts. */
class S3ProxyOnDirectoryTest {

    @TempDir
    Path directory;

    @Test
    void aRestartedServerOnTheSameDirectoryStillHoldsTheObjects() throws Exception {
        byte[] content = "kept across a restart".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        BlobRef ref;
        try (S3ProxyServer first = S3ProxyServer.onDirectory(directory).createBucket("documents");
                S3BlobStore store = store(first)) {
            ref = store.put("tenant-a", new ByteArrayInputStream(content), "text/plain", 100);
        }

        try (S3ProxyServer second = S3ProxyServer.onDirectory(directory);
                S3BlobStore store = store(second);
                InputStream in = store.open(ref)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    private static S3BlobStore store(S3ProxyServer server) {
        S3Client client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(server.endpoint())
                .region(Region.of(S3ProxyServer.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_ACCESS_KEY)))
                .build();
        return new S3BlobStore(client, "documents", "", 5 * 1024 * 1024);
    }
}
