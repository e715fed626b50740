package dev.signingsuite.standalone;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.config.BlobStoreConfiguration;
import dev.signingsuite.s3server.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where the process layout keeps blobs: an S3 server (S3Proxy over {@code <data-dir>/s3}, buckets
 * being directories, so a restart keeps the blobs) as a process of its own, or, without it, the
 * services' file-system store under {@code <data-dir>/blobs}. Also the back offices' bucket of the
 * intake's objects (ADR 14).
 */
final class LayoutStorage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LayoutStorage.class);
    static final String S3_PROCESS = "s3";
    private static final String BUCKET = "signing-blobs";
    /**
     * Where the back offices put documents too large for a Kafka record (ADR 14), on the layout's S3
     * server: tenant t may name {@code s3://back-office/t/}.
     */
    static final String BACK_OFFICE_BUCKET = "back-office";

    private final Path dataDir;
    /** The S3 server, or null when the services use the file system. */
    private final ChildProcess server;

    private final Map<String, String> blobStoreProperties;
    private ConfigurableApplicationContext blobStoreContext;

    private LayoutStorage(Path dataDir, ChildProcess server, Map<String, String> blobStoreProperties) {
        this.dataDir = dataDir;
        this.server = server;
        this.blobStoreProperties = blobStoreProperties;
    }

    /** The services' file-system store: nothing to start. */
    static LayoutStorage fileSystem(Path dataDir) {
        return new LayoutStorage(dataDir, null, Map.of());
    }

    static LayoutStorage startS3(StandaloneProperties properties, Path dataDir, Path logs) throws IOException {
        int port = LoopbackPorts.pickFree("127.0.0.1");
        Path directory = Files.createDirectories(dataDir.resolve("s3"));
        ChildProcess server = ChildProcess.start(
                S3_PROCESS,
                1,
                port,
                properties.processes().jvmOptions(),
                List.of(
                        ChildCommands.S3_SERVER,
                        "--dir=" + directory,
                        "--port=" + port,
                        "--bucket=" + BUCKET + "," + BACK_OFFICE_BUCKET),
                logs);
        LayoutStorage storage = new LayoutStorage(
                dataDir, server, S3ProxyServer.springProperties(URI.create("http://127.0.0.1:" + port), BUCKET));
        try {
            ProcessReadiness.awaitListening(server, properties.processes().startTimeout());
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        log.info("S3 server ready on 127.0.0.1:{} (bucket {}, objects in {})", port, BUCKET, directory);
        return storage;
    }

    /** The S3 server's process, if there is one. */
    List<ChildProcess> processes() {
        return server == null ? List.of() : List.of(server);
    }

    /** Every service's blob-store settings (none: the file system under the data directory). */
    Map<String, String> blobStoreProperties() {
        return blobStoreProperties;
    }

    /**
     * The gateway reads the intake's objects from the layout's S3 server; tenant demo may name its
     * folder of the back-office bucket. None without an S3 server, or when any intake-objects
     * property is set in {@code standalone.services.properties}: a property given twice on a command
     * line would bind as both values joined.
     */
    Map<String, String> intakeObjects(Map<String, String> configured) {
        Map<String, String> intake = new LinkedHashMap<>();
        if (configured.keySet().stream().anyMatch(key -> key.startsWith("signing.gateway.intake-objects."))) {
            return intake;
        }
        blobStoreProperties.forEach((key, value) -> {
            if (key.startsWith("signing.blob-store.s3.") && !key.endsWith(".bucket")) {
                intake.put(key.replace("signing.blob-store.s3.", "signing.gateway.intake-objects.s3."), value);
            }
        });
        if (!intake.isEmpty()) {
            intake.put("signing.gateway.intake-objects.tenants.demo[0]", "s3://" + BACK_OFFICE_BUCKET + "/demo/");
        }
        return intake;
    }

    /** Where the services keep the blobs, for the sealer that writes the documents in. */
    synchronized BlobStore blobStore() {
        if (blobStoreContext == null) {
            Map<String, Object> configured = new LinkedHashMap<>(blobStoreProperties);
            configured.putIfAbsent(
                    "signing.blob-store.root", dataDir.resolve("blobs").toString());
            blobStoreContext = new SpringApplicationBuilder(BlobStoreConfiguration.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .properties("spring.config.name=blob-store-of-the-layout") // no file: only these
                    .properties(configured)
                    .run();
        }
        return blobStoreContext.getBean(BlobStore.class);
    }

    /** The blob store's context, then the S3 server: SIGTERM, SIGKILL after 20 s. */
    @Override
    public synchronized void close() {
        if (blobStoreContext != null) {
            blobStoreContext.close();
        }
        if (server != null) {
            server.terminate();
            server.awaitExit(java.time.Duration.ofSeconds(20));
        }
    }
}
