package dev.signingsuite.standalone;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The server.properties of a one-node KRaft cluster that only loopback clients can reach. */
final class BrokerConfig {

    static final int NODE_ID = 1;
    static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    static final String TENANT_LISTENER = "TENANTS";

    private BrokerConfig() {}

    static Properties of(String host, int brokerPort, int controllerPort, Path logDir, int partitions) {
        Properties p = new Properties();
        // Combined mode: the same process is the broker and the only KRaft voter.
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        // A static voter set (kraft.version 0) keeps the controller address out of the formatted
        // storage, so the controller can get a fresh free port on every start.
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("inter.broker.listener.name", BROKER_LISTENER);
        p.setProperty(
                "listeners",
                BROKER_LISTENER + "://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                        + controllerPort);
        p.setProperty("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        p.setProperty("auto.create.topics.enable", "true");
        // One node: every internal topic must accept a replication factor and min ISR of 1.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        // Nobody else will join a group on one machine; the 3 s default only delays first polls.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Intake records carry the document inline (base64); the gateway's own limit is the real one.
        p.setProperty("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        return p;
    }

    /**
     * Adds the listener back offices connect to, authenticated (SCRAM-SHA-512) and authorised by
     * ACLs ({@link TenantIntakes}). The services' listener and the controller's stay loopback-only
     * and unauthenticated: their principal, ANONYMOUS, is a super user, so the services need no
     * credentials on one machine; anything else is denied unless an ACL allows it (ADR 17).
     */
    static Properties withTenantListener(Properties p, String host, int tenantPort) {
        String listener = TENANT_LISTENER + "://" + host + ":" + tenantPort;
        p.setProperty("listeners", p.getProperty("listeners") + "," + listener);
        p.setProperty("advertised.listeners", p.getProperty("advertised.listeners") + "," + listener);
        p.setProperty(
                "listener.security.protocol.map",
                p.getProperty("listener.security.protocol.map") + "," + TENANT_LISTENER + ":SASL_PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", TenantIntakes.MECHANISM.mechanismName());
        p.setProperty(
                "listener.name." + TENANT_LISTENER.toLowerCase(java.util.Locale.ROOT) + "."
                        + TenantIntakes.MECHANISM.mechanismName().toLowerCase(java.util.Locale.ROOT)
                        + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("super.users", "User:ANONYMOUS");
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    /**
     * Node {@code nodeId} (1-based) of a cluster in which every node is broker and controller voter,
     * {@code controllerPorts.get(i - 1)} being node i's controller port. Every topic gets a replica
     * on up to three nodes and accepts writes while two of them are in sync, as in production.
     */
    static Properties clusterNode(
            String host, int nodeId, int brokerPort, List<Integer> controllerPorts, Path logDir, int partitions) {
        Properties p = of(host, brokerPort, controllerPorts.get(nodeId - 1), logDir, partitions);
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty(
                "controller.quorum.voters",
                IntStream.range(0, controllerPorts.size())
                        .mapToObj(i -> (i + 1) + "@" + host + ":" + controllerPorts.get(i))
                        .collect(Collectors.joining(",")));
        String replicas = Integer.toString(Math.min(3, controllerPorts.size()));
        String minInSync = Integer.toString(Math.max(1, Math.min(3, controllerPorts.size()) - 1));
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minInSync);
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minInSync);
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", minInSync);
        // A node is a JVM of the services' options (-Xmx256m). Kafka's log cleaner allocates its
        // whole dedupe buffer (128 MiB by default) in one array at start-up; in a 256 MiB heap that
        // failed once with the node's exit (ChaosIT, CI of 2026-12-07). 16 MiB holds the offsets of
        // about 700,000 keys per pass, more than the compacted topics here hold.
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return p;
    }
}
