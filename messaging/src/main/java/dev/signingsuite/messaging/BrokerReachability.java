package dev.signingsuite.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether the binder's cluster answers: one {@code describeCluster} per probe over one long-lived
 * admin client, which uses the binder's brokers and its client configuration (security included),
 * so it reaches the cluster exactly as the producer does.
 */
final class BrokerReachability implements AutoCloseable {

    private final Admin admin;
    private final Duration timeout;

    BrokerReachability(BinderConnection connection, Duration timeout) {
        Map<String, Object> config = new HashMap<>(connection.configuration());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", connection.brokers()));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(config);
        this.timeout = timeout;
    }

    /** "reachable", or why not (no exception leaves a probe). */
    String check() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                    .size();
            return nodes > 0 ? "reachable" : "no broker";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return "unreachable: " + cause.getClass().getSimpleName();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }

    /**
     * The binder's connection settings, read from the binder's own properties so that they never
     * differ from the producer's.
     */
    @ConfigurationProperties("spring.cloud.stream.kafka.binder")
    record BinderConnection(List<String> brokers, Map<String, String> configuration) {
        BinderConnection {
            brokers = brokers == null || brokers.isEmpty() ? List.of("localhost:9092") : List.copyOf(brokers);
            configuration = configuration == null ? Map.of() : Map.copyOf(configuration);
        }
    }
}
