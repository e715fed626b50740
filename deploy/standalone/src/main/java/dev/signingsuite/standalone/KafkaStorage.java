package dev.signingsuite.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats the KRaft log directory once. The cluster id lives in Kafka's own meta.properties, the
 * single place the broker reads it from on every later start, so data survives restarts.
 */
final class KafkaStorage {

    private static final Logger log = LoggerFactory.getLogger(KafkaStorage.class);
    private static final String META_PROPERTIES = "meta.properties";

    private KafkaStorage() {}

    /** Returns the cluster id, formatting the directory first if it never was. */
    static String formatOnce(KafkaConfig config, Path logDir) throws IOException {
        return formatOnce(config, logDir, Uuid.randomUuid().toString());
    }

    /** As {@link #formatOnce(KafkaConfig, Path)}, with the id every node of one cluster shares. */
    static String formatOnce(KafkaConfig config, Path logDir, String clusterId) throws IOException {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            return readClusterId(meta);
        }
        Files.createDirectories(logDir);
        // Formatter, not kafka.tools.StorageTool: the tool's entry points end in System.exit.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName(BrokerConfig.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(logDir.toString()))
                    .setIgnoreFormatted(true)
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        log.info("Formatted Kafka storage in {} for new cluster {}", logDir, clusterId);
        log.debug("Formatter output: {}", out.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }

    static String readClusterId(Path meta) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            properties.load(in);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            throw new IOException(meta + " has no cluster.id; delete the Kafka data directory to start afresh");
        }
        return clusterId;
    }
}
