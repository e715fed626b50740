package dev.signingsuite.standalone;

import dev.signingsuite.s3server.S3ProxyServer;
import dev.signingsuite.standalone.SuiteServices.Service;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;

/**
 * What a child of {@code --processes} runs: one service, exactly as it would run alone, or one
 * node of the KRaft cluster. Both stop on SIGTERM (shutdown hooks) and when the parent is gone.
 */
final class ChildCommands {

    static final String SERVICE = "service";
    static final String KAFKA_NODE = "kafka-node";
    static final String S3_SERVER = "s3-server";

    private ChildCommands() {}

    /** {@code service NAME --server.port=... --SIGNING_KAFKA_BROKERS=...}: returns once it started. */
    static void service(String name, List<String> springArgs) {
        ParentWatch.start(System.in);
        Service service = SuiteServices.ALL.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
        service.builder().get().bannerMode(Banner.Mode.OFF).run(springArgs.toArray(String[]::new));
    }

    /**
     * {@code kafka-node --node-id=N --port=P --controller-ports=C1,C2,C3 --data-dir=D
     * --cluster-id=ID --partitions=N [--tenant-port=T]}: node N of a cluster whose every node is a controller voter.
     */
    static void kafkaNode(List<String> args) throws IOException {
        ParentWatch.start(System.in);
        // No Spring here to apply standalone.properties: Kafka logs every partition change at INFO.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, String> values = options(args);
        int nodeId = Integer.parseInt(values.get("node-id"));
        List<Integer> controllerPorts = Arrays.stream(
                        values.get("controller-ports").split(","))
                .map(Integer::parseInt)
                .toList();
        ClusterNode node = ClusterNode.start(
                nodeId,
                Integer.parseInt(values.get("port")),
                controllerPorts,
                Path.of(values.get("data-dir")),
                values.get("cluster-id"),
                Integer.parseInt(values.get("partitions")),
                Integer.parseInt(values.getOrDefault("tenant-port", "0")),
                Duration.ofMinutes(2));
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "kafka-node-stop"));
    }

    /** {@code s3-server --dir=D --port=P --bucket=B1,B2}: S3Proxy over directory D, with those buckets. */
    static void s3Server(List<String> args) throws Exception {
        ParentWatch.start(System.in);
        Map<String, String> values = options(args);
        S3ProxyServer server =
                S3ProxyServer.onDirectory(Path.of(values.get("dir")), Integer.parseInt(values.get("port")));
        for (String bucket : values.get("bucket").split(",")) {
            server.createBucket(bucket);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), "s3-server-stop"));
    }

    private static void close(S3ProxyServer server) {
        try {
            server.close();
        } catch (Exception e) {
            // Stopping anyway: the objects are files under the directory, written before each answer.
        }
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, not " + arg);
            }
            values.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return values;
    }
}
