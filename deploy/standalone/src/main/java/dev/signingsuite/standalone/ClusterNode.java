package dev.signingsuite.standalone;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a multi-node KRaft cluster, in a process of its own (see {@link ProcessSuite}). Not
 * awaited here: a node of a three-voter quorum cannot serve before a second one is up, so the
 * parent waits until a client sees every node. With a tenant port, back offices authenticate there
 * and are authorised by the ACLs the parent sets ({@link TenantIntakes}).
 */
final class ClusterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final DataDirLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClusterNode(KafkaRaftServer server, DataDirLock lock) {
        this.server = server;
        this.lock = lock;
    }

    static ClusterNode start(
            int nodeId,
            int port,
            List<Integer> controllerPorts,
            Path logDir,
            String clusterId,
            int partitions,
            int tenantPort,
            Duration timeout)
            throws IOException {
        DataDirLock lock = DataDirLock.acquire(logDir);
        try {
            Properties properties = BrokerConfig.clusterNode(HOST, nodeId, port, controllerPorts, logDir, partitions);
            if (tenantPort != 0) {
                BrokerConfig.withTenantListener(properties, HOST, tenantPort);
            }
            KafkaConfig config = KafkaConfig.fromProps(properties, false);
            KafkaStorage.formatOnce(config, logDir, clusterId);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            log.info("Kafka node {} started on {}:{} ({})", nodeId, HOST, port, logDir);
            return new ClusterNode(server, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("Could not release the lock: {}", e.getMessage());
            }
        }
    }
}
