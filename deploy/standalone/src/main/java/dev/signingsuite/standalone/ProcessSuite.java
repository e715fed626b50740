package dev.signingsuite.standalone;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite as a production deployment on one machine: a KRaft cluster of several node processes,
 * PostgreSQL, an S3 server (S3Proxy) for the blobs, and every service instance a JVM of its own,
 * started from this process's class path.
 * The sandbox stays in this process (it stands for the outside world). Children end with this
 * process: on {@link #close}, on Ctrl+C (shutdown hook) and, through {@link ParentWatch}, on SIGKILL.
 */
final class ProcessSuite implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessSuite.class);

    private final StandaloneProperties properties;
    private final DataDirLock lock;
    private final Sandbox sandbox;
    private final List<ChildProcess> nodes = new CopyOnWriteArrayList<>();
    private final List<ChildProcess> services = new CopyOnWriteArrayList<>();
    private LayoutStorage storage;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<Long, Long> cpuAtReady = new java.util.concurrent.ConcurrentHashMap<>();
    private EmbeddedDatabase database;
    private Process postgresWatch;
    private String bootstrapServers;
    private String tenantBootstrapServers;
    /** Each child's arguments by label, so that a killed one can be started again as it was. */
    private final Map<String, List<String>> commands = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each child's environment additions by label (provider-onetime's SOFTHSM2_CONF). */
    private final Map<String, Map<String, String>> environments = new java.util.concurrent.ConcurrentHashMap<>();

    private Map<String, Integer> layout = Map.of();

    private ProcessSuite(StandaloneProperties properties, DataDirLock lock, Sandbox sandbox) {
        this.properties = properties;
        this.lock = lock;
        this.sandbox = sandbox;
    }

    /**
     * The default layout: {@code instances} of each stage and of each provider named, one gateway.
     * In start order (see {@link SuiteServices#ALL}).
     */
    static Map<String, Integer> layout(List<String> providers, int instances) {
        Map<String, Integer> layout = new LinkedHashMap<>();
        for (SuiteServices.Service service : SuiteServices.ALL) {
            String name = service.name();
            if (name.equals("gateway")) {
                layout.put(name, 1);
            } else if (!name.startsWith("provider-") || providers.contains(name.substring("provider-".length()))) {
                layout.put(name, instances);
            }
        }
        return layout;
    }

    /** Starts everything; returns once every consumer group has all its members. */
    static ProcessSuite start(StandaloneProperties properties, Map<String, Integer> layout) throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        // The same lock as the one-process run's broker: both would claim data/postgres.
        DataDirLock lock = DataDirLock.acquire(dataDir.resolve("kafka"));
        Sandbox sandbox;
        try {
            sandbox = SandboxConfiguration.start(properties);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        ProcessSuite suite = new ProcessSuite(properties, lock, sandbox);
        Thread hook = new Thread(suite::close, "process-suite-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            suite.startCluster(dataDir);
            suite.database = EmbeddedDatabase.start(
                    dataDir.resolve("postgres"), properties.database().port());
            suite.postgresWatch = suite.postgres().map(ProcessSuite::watch).orElse(null);
            suite.storage = properties.processes().s3()
                    ? LayoutStorage.startS3(properties, dataDir, suite.logs())
                    : LayoutStorage.fileSystem(dataDir);
            suite.layout = Map.copyOf(layout);
            suite.startServices(layout);
            // Start-up is not what an operator sizes for: CPU is counted from here.
            suite.processes().forEach(p -> suite.cpuAtReady.put(p.pid(), p.cpu().toMillis()));
            suite.postgres().ifPresent(p -> suite.cpuAtReady.put(p.pid(), ProcessReport.postgresCpuMillis(p)));
            return suite;
        } catch (IOException | RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void startCluster(Path dataDir) throws IOException {
        int count = properties.processes().brokers();
        Path clusterDir = dataDir.resolve("kafka-cluster");
        Path firstMeta = clusterDir.resolve("node-1").resolve("meta.properties");
        String clusterId = Files.exists(firstMeta)
                ? KafkaStorage.readClusterId(firstMeta)
                : Uuid.randomUuid().toString();
        List<Integer> ports = new ArrayList<>();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(
                    i == 0 && properties.kafka().port() != 0
                            ? LoopbackPorts.requireFree(
                                    "127.0.0.1", properties.kafka().port(), "standalone.kafka.port")
                            : LoopbackPorts.pickFree("127.0.0.1"));
            controllerPorts.add(LoopbackPorts.pickFree("127.0.0.1"));
        }
        String controllers =
                String.join(",", controllerPorts.stream().map(String::valueOf).toList());
        Map<String, String> tenants = properties.kafka().tenants();
        TenantIntakes.requireNames(tenants.keySet());
        List<Integer> tenantPorts = tenants.isEmpty()
                ? List.of()
                : TenantIntakes.listenerPorts(count, properties.kafka().tenantPort());
        for (int node = 1; node <= count; node++) {
            List<String> args = new ArrayList<>(List.of(
                    ChildCommands.KAFKA_NODE,
                    "--node-id=" + node,
                    "--port=" + ports.get(node - 1),
                    "--controller-ports=" + controllers,
                    "--data-dir=" + clusterDir.resolve("node-" + node),
                    "--cluster-id=" + clusterId,
                    "--partitions=" + properties.kafka().partitions()));
            if (!tenantPorts.isEmpty()) {
                args.add("--tenant-port=" + tenantPorts.get(node - 1));
            }
            commands.put("kafka#" + node, List.copyOf(args));
            nodes.add(ChildProcess.start(
                    "kafka", node, ports.get(node - 1), properties.processes().jvmOptions(), args, logs()));
        }
        bootstrapServers =
                String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
        ProcessReadiness.awaitCluster(
                bootstrapServers, count, nodes, properties.processes().startTimeout());
        if (!tenants.isEmpty()) {
            TenantIntakes.provision(
                    bootstrapServers,
                    tenants,
                    properties.kafka().partitions(),
                    (short) Math.min(3, count),
                    properties.processes().startTimeout());
            tenantBootstrapServers = TenantIntakes.bootstrapServers(tenantPorts);
            log.info("Back offices of {} authenticate on {}", tenants.keySet(), tenantBootstrapServers);
        }
        log.info("Kafka cluster of {} nodes ready on {}", count, bootstrapServers);
    }

    private void startServices(Map<String, Integer> layout) throws IOException {
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        layout.forEach((name, instances) -> {
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                boolean fixedGateway =
                        name.equals("gateway") && properties.services().gatewayPort() != 0;
                list.add(
                        fixedGateway
                                ? LoopbackPorts.requireFree(
                                        "127.0.0.1",
                                        properties.services().gatewayPort(),
                                        "standalone.services.gateway-port")
                                : LoopbackPorts.pickFree("127.0.0.1"));
            }
            ports.put(name, list);
        });
        Map<String, Integer> firstPorts = new LinkedHashMap<>();
        ports.forEach((name, list) -> firstPorts.put(name, list.get(0)));
        int gatewayPort = firstPorts.getOrDefault("gateway", 0);
        for (Map.Entry<String, List<Integer>> entry : ports.entrySet()) {
            for (int i = 0; i < entry.getValue().size(); i++) {
                int port = entry.getValue().get(i);
                Map<String, String> settings = SuiteServices.arguments(
                        entry.getKey(),
                        bootstrapServers,
                        sandbox,
                        database.jdbcUrl(),
                        properties,
                        port,
                        gatewayPort,
                        firstPorts);
                Map<String, String> environment = Map.of();
                if (entry.getKey().equals(SuiteServices.ONETIME)) {
                    // A token per instance: opening a token destroys the one-time keys in it. Into
                    // the map, not appended: a property given twice would bind as both values joined.
                    Optional<OnetimeToken> token = OnetimeProcess.token(properties, i + 1);
                    if (token.isPresent()) {
                        settings.putAll(token.get().properties());
                        environment = token.get().environment();
                    }
                }
                List<String> args = new ArrayList<>(List.of(ChildCommands.SERVICE, entry.getKey()));
                args.addAll(List.of(SuiteServices.toArgs(settings)));
                storage.blobStoreProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
                if (entry.getKey().equals("gateway")) {
                    storage.intakeObjects(properties.services().properties())
                            .forEach((key, value) -> args.add("--" + key + "=" + value));
                }
                String label = entry.getKey() + "#" + (i + 1);
                commands.put(label, List.copyOf(args));
                environments.put(label, environment);
                services.add(ChildProcess.start(
                        entry.getKey(), i + 1, port, properties.processes().jvmOptions(), args, logs(), environment));
            }
        }
        ProcessReadiness.awaitServices(
                bootstrapServers, layout, services, properties.processes().startTimeout());
        log.info("{} service processes ready", services.size());
    }

    Path logs() {
        return properties.dataDir().toAbsolutePath().normalize().resolve("processes");
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The back offices' authenticated listeners, or empty when no tenant has a Kafka user. */
    Optional<String> tenantBootstrapServers() {
        return Optional.ofNullable(tenantBootstrapServers);
    }

    Sandbox sandbox() {
        return sandbox;
    }

    EmbeddedDatabase database() {
        return database;
    }

    /** Where the services keep the blobs, for the sealer that writes the documents in. */
    BlobStore blobStore() {
        return storage.blobStore();
    }

    int gatewayPort() {
        return services.stream()
                .filter(s -> s.name().equals("gateway"))
                .findFirst()
                .orElseThrow()
                .port();
    }

    /** Kafka nodes first, the S3 server, then the services in start order. */
    List<ChildProcess> processes() {
        List<ChildProcess> all = new ArrayList<>(nodes);
        if (storage != null) {
            all.addAll(storage.processes());
        }
        all.addAll(services);
        return all;
    }

    /** What each process did since the layout was ready; call before {@link #close}. */
    ProcessReport report() {
        return ProcessReport.collect(processes(), cpuAtReady, postgres().orElse(null));
    }

    /**
     * pg_ctl daemonises PostgreSQL, so it would outlive a SIGKILLed launcher (the next start stops
     * such a leftover, but until then it holds its port and memory). A shell holds a pipe from this
     * process like every child does, and on its end asks the postmaster for a fast shutdown.
     */
    private static Process watch(ProcessHandle postmaster) {
        try {
            return new ProcessBuilder("sh", "-c", "cat > /dev/null; kill -INT " + postmaster.pid())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            log.warn("PostgreSQL will outlive this process if it is killed: {}", e.getMessage());
            return null;
        }
    }

    /** The postmaster, from the pid file PostgreSQL keeps in its data directory. */
    private java.util.Optional<ProcessHandle> postgres() {
        try {
            String first = Files.readAllLines(database.dataDirectory().resolve("postmaster.pid"))
                    .get(0)
                    .strip();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    List<ChildProcess> services() {
        return List.copyOf(services);
    }

    List<ChildProcess> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Starts a killed node or service again with its own command, port and log; returns once the
     * cluster has all its nodes again, or the service's consumer group all its members.
     */
    ChildProcess restart(ChildProcess dead) throws IOException {
        List<ChildProcess> group = nodes.contains(dead) ? nodes : services;
        int index = group.indexOf(dead);
        if (index < 0 || dead.process().isAlive()) {
            throw new IllegalArgumentException(dead.label() + " is not a dead child of this layout");
        }
        ChildProcess again = dead.startAgain(
                properties.processes().jvmOptions(),
                commands.get(dead.label()),
                environments.getOrDefault(dead.label(), Map.of()));
        group.set(index, again);
        Duration timeout = properties.processes().startTimeout();
        if (group == nodes) {
            ProcessReadiness.awaitPort(again, timeout);
            ProcessReadiness.awaitCluster(bootstrapServers, nodes.size(), nodes, timeout);
        } else {
            ProcessReadiness.awaitServices(
                    bootstrapServers,
                    Map.of(dead.name(), layout.get(dead.name())),
                    services.stream().filter(s -> s.name().equals(dead.name())).toList(),
                    timeout);
        }
        return again;
    }

    /**
     * Gateway first (nothing new enters), then the stages, then the cluster, then PostgreSQL and
     * the sandbox. Each group stops in parallel: SIGTERM, and SIGKILL after a grace period.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop(services.stream().filter(s -> s.name().equals("gateway")).toList(), Duration.ofSeconds(20));
        stop(services.stream().filter(s -> !s.name().equals("gateway")).toList(), Duration.ofSeconds(30));
        if (storage != null) {
            storage.close();
        }
        stop(nodes, Duration.ofSeconds(30));
        if (postgresWatch != null) {
            postgresWatch.destroyForcibly(); // before the stop below, so it never signals a reused pid
        }
        try {
            if (database != null) {
                database.close();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        sandbox.close();
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("Could not release the data directory lock: {}", e.getMessage());
        }
    }

    private static void stop(List<ChildProcess> children, Duration grace) {
        children.forEach(ChildProcess::terminate);
        children.forEach(child -> child.awaitExit(grace));
    }
}
