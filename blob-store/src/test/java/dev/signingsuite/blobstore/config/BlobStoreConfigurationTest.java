package dev.signingsuite.blobstore.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.blobstore.S3BlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.s3server.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Configuration picks the store, checks it at start-up, and reports whether it answers. */
class BlobStoreConfigurationTest {

    private static S3ProxyServer server;

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(BlobStoreConfiguration.class);

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory().createBucket("documents");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void theFileSystemStoreIsTheDefaultUnderTheDataDirectory() {
        runner.withPropertyValues("SIGNING_DATA_DIR=" + dataDir).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BlobStore.class)).isInstanceOf(FileSystemBlobStore.class);
            assertThat(dataDir.resolve("blobs")).isDirectory();
            assertThat(health(context.getBean("blobStoreHealthIndicator", HealthIndicator.class)))
                    .isEqualTo(Status.UP);
        });
    }

    @Test
    void theFileSystemStoreIsDownWhenItsDirectoryIsGone() {
        Path root = dataDir.resolve("elsewhere");
        runner.withPropertyValues("signing.blob-store.root=" + root).run(context -> {
            HealthIndicator health = context.getBean("blobStoreHealthIndicator", HealthIndicator.class);
            assertThat(health(health)).isEqualTo(Status.UP);

            Files.delete(root);

            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails().get("error").toString()).contains("elsewhere");
        });
    }

    @Test
    void theS3StoreStoresInTheConfiguredBucketAndIsUpWhileTheBucketAnswers() {
        runner.withPropertyValues(properties(server.springProperties("documents")))
                .withPropertyValues("signing.blob-store.s3.prefix=suite")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BlobStore store = context.getBean(BlobStore.class);
                    assertThat(store).isInstanceOf(S3BlobStore.class);
                    BlobRef ref = store.put("tenant-a", new ByteArrayInputStream(new byte[] {1, 2}), "text/plain", 10);
                    assertThat(ref.uri()).startsWith("s3://documents/suite/tenant-a/");
                    try (InputStream in = store.open(ref)) {
                        assertThat(in.readAllBytes()).containsExactly(1, 2);
                    }
                    HealthIndicator health = context.getBean("blobStoreHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getDetails()).containsEntry("bucket", "documents");
                    assertThat(health(health)).isEqualTo(Status.UP);
                });
    }

    @Test
    void theS3StoreIsDownWhenTheBucketIsMissing() {
        runner.withPropertyValues(properties(server.springProperties("no-such-bucket")))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Health health = context.getBean("blobStoreHealthIndicator", HealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("error").toString()).contains("no-such-bucket");
                });
    }

    @Test
    void refusesToStartWithS3AndNoBucketNorHalfTheCredentialsNorASmallPartSize() {
        runner.withPropertyValues(
                        "signing.blob-store.type=s3",
                        "signing.blob-store.s3.access-key-id=someone",
                        "signing.blob-store.s3.multipart-threshold=1MB")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("signing.blob-store.s3.bucket must be set")
                        .hasMessageContaining("secret-access-key must be set together")
                        .hasMessageContaining("between 5MB"));
    }

    @Test
    void bindsTheEnvironmentVariablesTheDeploymentsSet() {
        Map<String, Object> environment = Map.of(
                "SIGNING_BLOBSTORE_TYPE", "s3",
                "SIGNING_BLOBSTORE_S3_BUCKET", "documents",
                "SIGNING_BLOBSTORE_S3_ENDPOINT", server.endpoint().toString(),
                "SIGNING_BLOBSTORE_S3_PATHSTYLEACCESS", "true",
                "SIGNING_BLOBSTORE_S3_REGION", "eu-north-1",
                "SIGNING_BLOBSTORE_S3_ACCESSKEYID", S3ProxyServer.ACCESS_KEY_ID,
                "SIGNING_BLOBSTORE_S3_SECRETACCESSKEY", S3ProxyServer.SECRET_ACCESS_KEY);
        // Named like the real one, so that Boot binds it with the environment-variable rules.
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(context -> {
                    BlobStoreProperties properties = context.getBean(BlobStoreProperties.class);
                    assertThat(properties.type()).isEqualTo(BlobStoreProperties.Type.S3);
                    assertThat(properties.s3().bucket()).isEqualTo("documents");
                    assertThat(properties.s3().endpoint()).isEqualTo(server.endpoint());
                    assertThat(properties.s3().pathStyleAccess()).isTrue();
                    assertThat(properties.s3().region()).isEqualTo("eu-north-1");
                    assertThat(properties.s3().toString())
                            .contains(S3ProxyServer.ACCESS_KEY_ID)
                            .doesNotContain(S3ProxyServer.SECRET_ACCESS_KEY);
                    assertThat(health(context.getBean("blobStoreHealthIndicator", HealthIndicator.class)))
                            .isEqualTo(Status.UP);
                });
    }

    private static Status health(HealthIndicator indicator) {
        return indicator.health().getStatus();
    }

    private static String[] properties(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }
}
