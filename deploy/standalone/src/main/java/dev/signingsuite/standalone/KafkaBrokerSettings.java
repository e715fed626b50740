package dev.signingsuite.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the in-process broker needs to know. Port 0 means "pick a free loopback port", which tests
 * use to run next to a developer's own broker on 9092.
 */
public record KafkaBrokerSettings(
        Path dataDir,
        String host,
        int port,
        int partitions,
        Duration startTimeout,
        int tenantPort,
        Map<String, String> tenants) {

    public KafkaBrokerSettings(Path dataDir, String host, int port, int partitions, Duration startTimeout) {
        this(dataDir, host, port, partitions, startTimeout, 0, Map.of());
    }

    public KafkaBrokerSettings {
        tenants = Map.copyOf(tenants);
        if (tenantPort < 0 || tenantPort > 65_535) {
            throw new IllegalArgumentException("tenantPort must be 0..65535, was " + tenantPort);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
    }

    public static KafkaBrokerSettings defaults(Path dataDir) {
        return new KafkaBrokerSettings(dataDir, "127.0.0.1", 9092, 6, Duration.ofSeconds(60));
    }

    public KafkaBrokerSettings withPort(int newPort) {
        return new KafkaBrokerSettings(dataDir, host, newPort, partitions, startTimeout, tenantPort, tenants);
    }

    public KafkaBrokerSettings withPartitions(int newPartitions) {
        return new KafkaBrokerSettings(dataDir, host, port, newPartitions, startTimeout, tenantPort, tenants);
    }
}
