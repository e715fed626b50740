package dev.signingsuite.standalone;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, broker and controller combined) inside this JVM. It is
 * the same server {@code kafka-server-start.sh} runs, so clients see exactly what production
 * brokers do; only the topology is one node on loopback.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private final KafkaRaftServer server;
    private final DataDirLock dataDirLock;
    private final String bootstrapServers;
    private final String tenantBootstrapServers;
    private final String clusterId;
    private final Path logDir;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(
            KafkaRaftServer server,
            DataDirLock dataDirLock,
            String bootstrapServers,
            String tenantBootstrapServers,
            String clusterId,
            Path logDir,
            Duration startupTime) {
        this.server = server;
        this.dataDirLock = dataDirLock;
        this.bootstrapServers = bootstrapServers;
        this.tenantBootstrapServers = tenantBootstrapServers;
        this.clusterId = clusterId;
        this.logDir = logDir;
        this.startupTime = startupTime;
    }

    /** Formats storage on first use, starts the server and returns once a client can reach it. */
    public static KafkaBroker start(KafkaBrokerSettings settings) throws IOException {
        long started = System.nanoTime();
        String host = settings.host();
        int port = LoopbackPorts.requireFree(host, settings.port(), "standalone.kafka.port");
        Path logDir = settings.dataDir().resolve("kafka").toAbsolutePath().normalize();
        DataDirLock lock = DataDirLock.acquire(logDir);
        try {
            return start(settings, host, port, logDir, lock, started);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static KafkaBroker start(
            KafkaBrokerSettings settings, String host, int port, Path logDir, DataDirLock lock, long started)
            throws IOException {
        int controllerPort = LoopbackPorts.pickFree(host);
        Properties properties = BrokerConfig.of(host, port, controllerPort, logDir, settings.partitions());
        String tenantBootstrap = null;
        if (!settings.tenants().isEmpty()) {
            TenantIntakes.requireNames(settings.tenants().keySet());
            int tenantPort = LoopbackPorts.requireFree(host, settings.tenantPort(), "standalone.kafka.tenant-port");
            BrokerConfig.withTenantListener(properties, host, tenantPort);
            tenantBootstrap = host + ":" + tenantPort;
        }
        KafkaConfig config = KafkaConfig.fromProps(properties, false);
        String clusterId = KafkaStorage.formatOnce(config, logDir);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        String bootstrap = host + ":" + port;
        try {
            server.startup();
            awaitReachable(bootstrap, settings.startTimeout());
            if (tenantBootstrap != null) {
                TenantIntakes.provision(
                        bootstrap, settings.tenants(), settings.partitions(), (short) 1, settings.startTimeout());
            }
        } catch (RuntimeException e) {
            stop(server);
            throw new IllegalStateException("Kafka broker on " + bootstrap + " did not start: " + e.getMessage(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info(
                "Kafka broker ready on {} (cluster {}, data {}) in {} ms",
                bootstrap,
                clusterId,
                logDir,
                took.toMillis());
        return new KafkaBroker(server, lock, bootstrap, tenantBootstrap, clusterId, logDir, took);
    }

    /**
     * startup() returns before the broker is unfenced and serving; a client round trip is the only
     * check that means "producers will work now".
     */
    private static void awaitReachable(String bootstrap, Duration timeout) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5_000));
        try (Admin admin = Admin.create(config)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (admin.describeCluster()
                    .nodes()
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException();
                }
                Thread.sleep(50); // no broker registered yet; the next describe is cheap
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("not reachable within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("not reachable: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /** host:port for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * host:port of the back offices' authenticated listener, or empty when no tenant has a Kafka
     * user ({@code standalone.kafka.tenants}).
     */
    public java.util.Optional<String> tenantBootstrapServers() {
        return java.util.Optional.ofNullable(tenantBootstrapServers);
    }

    public String clusterId() {
        return clusterId;
    }

    public Path logDir() {
        return logDir;
    }

    /** Wall-clock time from {@link #start} until the broker answered a client. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Controlled shutdown: flushes logs and writes a clean-shutdown marker, so restarts skip recovery. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            long started = System.nanoTime();
            stop(server);
            releaseLock();
            log.info(
                    "Kafka broker on {} stopped in {} ms",
                    bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private void releaseLock() {
        try {
            dataDirLock.close();
        } catch (IOException e) {
            log.warn("Could not release the lock on {}", logDir, e); // the OS drops it at exit anyway
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }
}
