package dev.signingsuite.standalone;

import dev.signingsuite.augmentation.AugmentationServiceApplication;
import dev.signingsuite.container.ContainerServiceApplication;
import dev.signingsuite.events.Lane;
import dev.signingsuite.gateway.GatewayApplication;
import dev.signingsuite.hash.HashServiceApplication;
import dev.signingsuite.provider.csc.CscProviderApplication;
import dev.signingsuite.provider.eparaksts.EparakstsProviderApplication;
import dev.signingsuite.provider.onetime.OnetimeProviderApplication;
import dev.signingsuite.provider.smartid.SmartIdProviderApplication;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.idp.IdentityProvider;
import dev.signingsuite.sandbox.idp.IdpPersons;
import dev.signingsuite.standalone.database.EmbeddedDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every service of the suite in this one process, each in its own Spring context exactly as it
 * runs alone (its own {@code <service>.yml}, bindings and HTTP port), pointed at the in-process
 * broker, the sandbox and (the gateway) the embedded PostgreSQL. Nothing is shared between them but
 * Kafka and the data directory.
 */
final class SuiteServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SuiteServices.class);
    /** Signs a Smart-ID person's page links (the gateway's signing.gateway.smartid.page-key), per run. */
    private static final String PAGE_KEY = newPageKey();

    static final String ONETIME = "provider-onetime";

    /** In start order: consumers downstream first, so nothing the gateway accepts waits for them. */
    static final List<Service> ALL = List.of(
            new Service("container-service", ContainerServiceApplication::builder),
            new Service("augmentation-service", AugmentationServiceApplication::builder),
            new Service("provider-csc", CscProviderApplication::builder),
            new Service("provider-eparaksts", EparakstsProviderApplication::builder),
            new Service("provider-smartid", SmartIdProviderApplication::builder),
            new Service("hash-service", HashServiceApplication::builder),
            // After hash-service only so that the other services keep their ports; a JVM of its own
            // when it has a token (OnetimeProcess).
            new Service(ONETIME, OnetimeProviderApplication::builder),
            new Service("gateway", GatewayApplication::builder));

    record Service(String name, Supplier<SpringApplicationBuilder> builder) {}

    record Running(String name, ConfigurableApplicationContext context, int port) {}

    private final List<Running> running;
    /** provider-onetime with a token: a process of its own (SOFTHSM2_CONF is read from the environment). */
    private final List<ChildProcess> children;

    private final Wiring wiring;

    /**
     * What every service of one start is pointed at.
     *
     * @param database null where the gateway runs without the embedded PostgreSQL
     * @param gatewayPort known before anything starts: provider-eparaksts names the gateway's
     *     callback as its redirect URI, and the gateway starts last
     */
    record Wiring(
            String broker,
            Sandbox sandbox,
            EmbeddedDatabase database,
            StandaloneProperties properties,
            int gatewayPort) {

        /** One service's settings, its peers being the services {@code started} before it. */
        Map<String, String> arguments(String service, int port, List<Running> started) {
            Map<String, Integer> peers = new LinkedHashMap<>();
            started.forEach(r -> peers.putIfAbsent(r.name(), r.port()));
            return SuiteServices.arguments(
                    service,
                    broker,
                    sandbox,
                    database == null ? null : database.jdbcUrl(),
                    properties,
                    port,
                    gatewayPort,
                    peers);
        }
    }

    private SuiteServices(List<Running> running, List<ChildProcess> children, Wiring wiring) {
        this.running = new CopyOnWriteArrayList<>(running);
        this.children = new CopyOnWriteArrayList<>(children);
        this.wiring = wiring;
    }

    static SuiteServices start(
            KafkaBroker broker, Sandbox sandbox, EmbeddedDatabase database, StandaloneProperties properties) {
        return start(broker.bootstrapServers(), sandbox, database, properties, name -> true);
    }

    /** Only the services {@code included} accepts, on the cluster at {@code bootstrapServers}. */
    static SuiteServices start(
            String broker,
            Sandbox sandbox,
            EmbeddedDatabase database,
            StandaloneProperties properties,
            java.util.function.Predicate<String> included) {
        List<Running> running = new ArrayList<>();
        List<ChildProcess> children = new ArrayList<>();
        int gatewayPort = properties.services().gatewayPort() == 0
                ? LoopbackPorts.pickFree("127.0.0.1")
                : properties.services().gatewayPort();
        Wiring wiring = new Wiring(broker, sandbox, database, properties, gatewayPort);
        try {
            for (Service service : ALL) {
                if (!included.test(service.name())
                        || (service.name().equals(ONETIME)
                                && !properties.onetime().enabled())) {
                    continue;
                }
                int port = service.name().equals("gateway")
                        ? gatewayPort
                        : properties.services().portOf(service.name(), ALL.indexOf(service));
                if (service.name().equals(ONETIME)) {
                    Optional<ChildProcess> child = OnetimeProcess.start(wiring, port, running);
                    if (child.isPresent()) {
                        children.add(child.get());
                        continue;
                    }
                }
                running.add(run(service, wiring, port, running));
            }
        } catch (RuntimeException e) {
            new SuiteServices(running, children, wiring).close();
            throw e;
        }
        return new SuiteServices(running, children, wiring);
    }

    private static Running run(Service service, Wiring wiring, int port, List<Running> started) {
        ConfigurableApplicationContext context = service.builder()
                .get()
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false) // this process's context owns the lifecycle
                .run(toArgs(wiring.arguments(service.name(), port, started)));
        int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
        log.info("{} started on port {}", service.name(), actualPort);
        return new Running(service.name(), context, actualPort);
    }

    /**
     * Stops one service as a redeploy or a crash-free restart would (its context closes; broker,
     * sandbox and the other services keep running). For restart tests.
     */
    void stop(String name) {
        Running stopped = find(name);
        stopped.context().close();
        running.remove(stopped);
        log.info("{} stopped", name);
    }

    /** Starts a service {@link #stop stopped} before again, on its configured port. */
    void start(String name) {
        if (running.stream().anyMatch(r -> r.name().equals(name))) {
            throw new IllegalStateException(name + " is running");
        }
        Service service = ALL.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
        int port = service.name().equals("gateway")
                ? wiring.gatewayPort()
                : wiring.properties().services().portOf(service.name(), ALL.indexOf(service));
        running.add(run(service, wiring, port, List.copyOf(running)));
    }

    private Running find(String name) {
        return running.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    private static String newPageKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    static String[] toArgs(Map<String, String> args) {
        return args.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /**
     * One service's settings, in-process or as a process of its own.
     *
     * @param peerPorts HTTP ports of the services the gateway relays to, by service name
     */
    static Map<String, String> arguments(
            String service,
            String bootstrapServers,
            Sandbox sandbox,
            String jdbcUrl,
            StandaloneProperties properties,
            int port,
            int gatewayPort,
            Map<String, Integer> peerPorts) {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("server.port", Integer.toString(port));
        args.put("server.address", "127.0.0.1");
        args.put("SIGNING_DATA_DIR", dataDir.toString());
        args.put("SIGNING_KAFKA_BROKERS", bootstrapServers);
        args.put("SIGNING_KAFKA_PARTITIONS", Integer.toString(properties.kafka().partitions()));
        args.put("SIGNING_TSA_URL", sandbox.tsaUrl().toString());
        args.put("SIGNING_CSC_URL", sandbox.cscBaseUrl().toString());
        args.put("SIGNING_SMARTID_URL", sandbox.smartIdBaseUrl().toString());
        args.put("SIGNING_EPARAKSTS_URL", sandbox.eparakstsBaseUrl().toString());
        // The sandbox approves for its test person: no browser login is needed to seal.
        args.put("SIGNING_EPARAKSTS_AUTO_LOGIN", "true");
        // A person's login returns to the gateway, the one service an operator's browser reaches.
        args.put("SIGNING_EPARAKSTS_REDIRECT_URI", "http://127.0.0.1:" + gatewayPort + "/eparaksts/callback");
        // Documents of an oauth2code CSC credential wait for a person's approval, which returns there too.
        args.put("signing.csc.approval-redirect-uri", "http://127.0.0.1:" + gatewayPort + "/csc/callback");
        args.put(
                "SIGNING_TRUST_ANCHORS",
                sandbox.trustAnchorPem().toAbsolutePath().toString());
        // Intake records carry documents inline; the gateway's maxDocumentSize is the real limit.
        args.put(
                "spring.cloud.stream.kafka.binder.producer-properties.max.request.size",
                Integer.toString(BrokerConfig.MAX_MESSAGE_BYTES));
        args.put("spring.main.log-startup-info", "false");
        // One class path serves all: springdoc, which only the gateway uses, is on every service's.
        boolean servesApiDocs = service.equals("gateway");
        args.put("springdoc.api-docs.enabled", Boolean.toString(servesApiDocs));
        args.put("springdoc.swagger-ui.enabled", Boolean.toString(servesApiDocs));
        if (service.equals("gateway") && !properties.kafka().tenants().isEmpty()) {
            // Each back office writes its own topic (ADR 17); the gateway reads them all.
            args.put(
                    "spring.cloud.stream.bindings.intake-in-0.destination",
                    TenantIntakes.intakeDestinations(
                            properties.kafka().tenants().keySet(), Lane.BULK));
            args.put(
                    "spring.cloud.stream.bindings.intakeInteractive-in-0.destination",
                    TenantIntakes.intakeDestinations(
                            properties.kafka().tenants().keySet(), Lane.INTERACTIVE));
        }
        if (service.equals(ONETIME)) {
            // The sandbox's one-time CA, over EST with TLS under the sandbox PKI (SIGNING_TRUST_ANCHORS).
            args.put("SIGNING_ONETIME_EST_SERVER", sandbox.estAuthority());
            args.put("SIGNING_ONETIME_EST_RA_USER", Sandbox.EST_RA_USER);
            args.put("SIGNING_ONETIME_EST_RA_SECRET", Sandbox.EST_RA_SECRET);
            // Without a token (no PKCS#11 library) the service still runs and names what to install;
            // the PIN is required configuration, unused then.
            args.put(
                    "signing.onetime.hsm.library",
                    properties.onetime().library().toString());
            args.put("signing.onetime.hsm.pin", "no-token");
            // The person logs in at the sandbox's OpenID Connect identity provider before a signing
            // opens; as eParaksts' simulator person approves, its test person logs in at once unless
            // standalone.onetime.automatic is off: then a person logs in from the gateway's person
            // page, and the identity provider sends the browser to the gateway's /onetime/callback.
            args.put(
                    "signing.onetime.login.issuer",
                    sandbox.identityProviderIssuer().toString());
            args.put("signing.onetime.login.client-id", IdentityProvider.CLIENT_ID);
            args.put("signing.onetime.login.client-secret", IdentityProvider.CLIENT_SECRET);
            args.put("signing.onetime.login.redirect-uri", "http://127.0.0.1:" + gatewayPort + "/onetime/callback");
            if (properties.onetime().automatic()) {
                args.put("signing.onetime.login.automatic.person", IdpPersons.ONE_TIME.identifier());
            }
        }
        if (service.equals("gateway")) {
            // For this run only; a restarted child gets the same command line, so its links stay valid.
            args.put("signing.gateway.smartid.page-key", PAGE_KEY);
            // The status store: the gateway connects to this process's PostgreSQL, never starts one.
            args.put("spring.datasource.url", jdbcUrl);
            args.put("spring.datasource.username", EmbeddedDatabase.USER);
            // The back office of a run on one machine listens on loopback (ADR 27).
            args.put("signing.gateway.webhooks.allow-loopback", "true");
            // Signing-device registration (ADR 32): the sandbox's remote SCD service and device CA;
            // persons authenticate with ID tokens of the sandbox's identity provider.
            args.put("signing.gateway.devices.scd-url", sandbox.scdUrl().toString());
            args.put("signing.gateway.devices.est.server", sandbox.deviceEstAuthority());
            args.put(
                    "signing.gateway.devices.est.trust-anchors",
                    sandbox.trustAnchorPem().toAbsolutePath().toString());
            args.put("signing.gateway.devices.est.ra-user", Sandbox.EST_RA_USER);
            args.put("signing.gateway.devices.est.ra-secret", Sandbox.EST_RA_SECRET);
            args.put("signing.gateway.devices.est.timeout", "10s");
            String issuer = sandbox.identityProviderIssuer().toString();
            args.put("signing.gateway.devices.person.issuer", issuer);
            args.put("signing.gateway.devices.person.audience", IdentityProvider.CLIENT_ID);
            args.put("signing.gateway.devices.person.jwks-uri", issuer + "/oauth2/jwks");
        }
        args.put("logging.level.root", properties.services().logLevel());
        // The gateway's operator page asks provider-eparaksts, which starts before it.
        if (peerPorts.containsKey("provider-eparaksts")) {
            args.put(
                    "signing.gateway.operator.eparaksts-url",
                    "http://127.0.0.1:" + peerPorts.get("provider-eparaksts"));
        }
        // The gateway relays the Smart-ID device links that provider-smartid builds (it holds the secrets).
        if (peerPorts.containsKey("provider-smartid")) {
            args.put("signing.gateway.smartid.provider-url", "http://127.0.0.1:" + peerPorts.get("provider-smartid"));
        }
        // The CSC operator page relays to provider-csc; it offers a login only when provider-csc takes one.
        if (peerPorts.containsKey("provider-csc")) {
            args.put("signing.gateway.operator.csc-url", "http://127.0.0.1:" + peerPorts.get("provider-csc"));
        }
        args.putAll(properties.services().properties());
        return args;
    }

    List<Running> running() {
        return List.copyOf(running);
    }

    /** The services this suite runs as processes of their own (provider-onetime with a token). */
    List<ChildProcess> processes() {
        return List.copyOf(children);
    }

    ConfigurableApplicationContext context(String service) {
        return find(service).context();
    }

    /** Stops the gateway first, so that no new document enters while the stages drain. */
    @Override
    public void close() {
        // provider-onetime first: stopping ends its signings, destroying their keys.
        children.forEach(ChildProcess::terminate);
        children.forEach(child -> child.awaitExit(java.time.Duration.ofSeconds(30)));
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).context().close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", running.get(i).name(), e.getMessage());
            }
        }
    }
}
