package dev.signingsuite.blobstore.config;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.blobstore.S3BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link BlobStore} that {@code signing.blob-store.type} names, and its health as {@code
 * blobStore} (the bean name without {@code HealthIndicator}) for the readiness group. Imported by
 * each service that reads or writes blobs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BlobStoreProperties.class)
public class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(BlobStoreProperties properties, Environment environment) throws IOException {
        return switch (properties.type()) {
            case FILESYSTEM -> new FileSystemBlobStore(root(properties, environment));
            case S3 ->
                new S3BlobStore(
                        S3Clients.create(properties.s3()),
                        properties.s3().bucket(),
                        properties.s3().prefix(),
                        (int) properties.s3().multipartThreshold().toBytes());
        };
    }

    @Bean
    HealthIndicator blobStoreHealthIndicator(
            BlobStore blobStore, BlobStoreProperties properties, Environment environment) {
        if (blobStore instanceof S3BlobStore s3) {
            return new BlobStoreHealthIndicator(() -> {
                s3.checkBucket();
                return Map.of("type", "s3", "bucket", s3.bucket());
            });
        }
        Path root = root(properties, environment);
        return new BlobStoreHealthIndicator(() -> {
            if (!Files.isDirectory(root) || !Files.isWritable(root)) {
                throw new IOException(root + " is not a writable directory");
            }
            return Map.of("type", "filesystem", "root", root.toString());
        });
    }

    private static Path root(BlobStoreProperties properties, Environment environment) {
        return properties.root() != null
                ? properties.root()
                : Path.of(environment.resolvePlaceholders(BlobStoreProperties.DEFAULT_ROOT));
    }
}
