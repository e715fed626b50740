package dev.signingsuite.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.intake.IntakeAcceptor;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealOutcome;
import dev.signingsuite.standalone.seal.SealReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's view, proven: the standalone suite seals a small batch (one document fails, one
 * intake record is poison) while a real Prometheus scrapes every service; then every query of
 * every dashboard in deploy/grafana and every alert expression in deploy/prometheus is evaluated
 * through Prometheus's HTTP API. Each must parse, the dashboards' queries must return data, and
 * every record of a document's path on Kafka must carry one and the same trace id.
 *
 * <p>Needs the {@code prometheus} binary (Debian's {@code prometheus} package; {@code .ci/run}
 * installs it), or its path in {@code PROMETHEUS_BIN}; skipped with that reason without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT {

    private static final Path DEPLOY = Path.of("").toAbsolutePath().getParent();
    private static final Path DASHBOARDS = DEPLOY.resolve("grafana/dashboards");
    private static final Path RULES = DEPLOY.resolve("prometheus/signing-alerts.yml");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Grafana's built-in variables, replaced as Grafana would for a 1 s scrape interval and a short range. */
    private static final Map<String, String> GRAFANA_VARIABLES =
            Map.of("$__rate_interval", "1m", "$__interval", "15s", "$__range", "5m");

    /**
     * Queries on metrics that only a provider not built yet exports: they must parse, but may be
     * empty. Each with its reason; remove the entry once the provider exports the metric.
     */
    private static final Map<String, String> ALLOWED_EMPTY = Map.of();

    private static final int GOOD_DOCUMENTS = 5;

    /** Sealed through provider-eparaksts too, so that the providers dashboard shows both batching providers. */
    private static final int EPARAKSTS_DOCUMENTS = 3;

    private static final Path PROVIDERS_DASHBOARD = DASHBOARDS.resolve("signing-providers.json");

    @TempDir
    static Path work;

    private ConfigurableApplicationContext suite;
    private Process prometheus;
    private URI prometheusUrl;
    private SealReport report;

    @BeforeAll
    void startSuitePrometheusAndSealABatch() throws Exception {
        Path prometheusBinary = findExecutable("PROMETHEUS_BIN", "prometheus").orElse(null);
        assumeTrue(
                prometheusBinary != null,
                "SKIPPED ObservabilityIT: no prometheus binary on PATH or in PROMETHEUS_BIN; install Debian's"
                        + " 'prometheus' package (apt-get install prometheus), as .ci/run does");

        suite = StandaloneApplication.start(SuiteArguments.onFreePorts(
                work.resolve("data"), "--standalone.services.log-level=INFO", "--standalone.ready-banner=false"));
        List<SuiteServices.Running> services =
                suite.getBean(SuiteServices.class).running();
        prometheus = startPrometheus(prometheusBinary, services);
        awaitAllTargetsUp(services.size());

        deadLetterAPoisonIntakeRecord();
        submitADocumentForASignerTheTenantMayNotUse();
        Path in = Files.createDirectories(work.resolve("in"));
        for (int i = 1; i <= GOOD_DOCUMENTS; i++) {
            Files.writeString(in.resolve("invoice-" + i + ".xml"), "<Invoice><ID>" + i + "</ID></Invoice>");
        }
        try (PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, UTF_8)) {
            report = SealCommand.run(
                    suite, new SealOptions(in, work.resolve("out"), SignatureLevel.LT, Provider.CSC), console);
        }
        assertThat(report.outcomes()).filteredOn(SealOutcome::succeeded).hasSize(GOOD_DOCUMENTS);
        Path eparakstsIn = Files.createDirectories(work.resolve("in-eparaksts"));
        for (int i = 1; i <= EPARAKSTS_DOCUMENTS; i++) {
            Files.writeString(eparakstsIn.resolve("sealed-" + i + ".xml"), "<Invoice><ID>E" + i + "</ID></Invoice>");
        }
        try (PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, UTF_8)) {
            SealReport eparaksts = SealCommand.run(
                    suite,
                    new SealOptions(eparakstsIn, work.resolve("out-eparaksts"), SignatureLevel.LT, Provider.EPARAKSTS),
                    console);
            assertThat(eparaksts.outcomes()).filteredOn(SealOutcome::succeeded).hasSize(EPARAKSTS_DOCUMENTS);
        }

        // Everything the batch did has been scraped: the terminal events and the dead letter.
        awaitQuery("sum(signing_document_duration_seconds_count{outcome=\"assembled\"}) >= " + GOOD_DOCUMENTS);
        awaitQuery("sum(signing_document_duration_seconds_count{outcome=\"failed\"}) >= 1");
        awaitQuery("sum(signing_dead_letters_total) >= 1");
        // Enough scrapes after the batch that rate() over it sees the change.
        awaitQuery("sum(rate(signing_document_duration_seconds_count[1m])) > 0");
        awaitQuery("sum(rate(signing_dead_letters_total[1m])) > 0");
        awaitQuery("sum(rate(signing_document_duration_seconds_count{outcome=\"failed\"}[1m])) > 0");
        awaitQuery("sum(signing_documents_total{application=\"provider-eparaksts\",stage=\"provider\"}) >= "
                + EPARAKSTS_DOCUMENTS);
        // Its per-operation timers appear with their first call, so rate() has a series but no increase.
        awaitQuery("count(rate(signing_provider_requests_seconds_count{provider=\"eparaksts\"}[1m])) > 0");
        awaitQuery("sum(rate(signing_provider_batch_size_count{provider=\"eparaksts\"}[1m])) > 0");
    }

    @AfterAll
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyDashboardQueryParsesAndReturnsData() throws Exception {
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).as("dashboard queries found in %s", DASHBOARDS).hasSizeGreaterThan(30);

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            String expr = substitute(query.getValue());
            if (expr.contains("$")) {
                problems.add(query.getKey() + ": unknown variable left in " + expr);
                continue;
            }
            JsonNode answer = query(expr);
            if (!"success".equals(answer.path("status").asString())) {
                problems.add(query.getKey() + ": " + answer.path("error").asString() + " in " + expr);
            } else if (answer.path("data").path("result").isEmpty()
                    && allowedEmpty(expr).isEmpty()) {
                problems.add(query.getKey() + ": no data for " + expr);
            }
        }
        assertThat(problems).as("dashboard queries that fail or return nothing").isEmpty();
    }

    /**
     * Each per-provider query of the providers dashboard shows both batching providers the batch
     * went through, not just one of them. The seal certificate's expiry is provider-csc's alone:
     * provider-eparaksts does not export one yet.
     */
    @Test
    void theProvidersDashboardShowsCscAndEparaksts() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        collect(
                "signing-providers.json",
                JSON.readTree(PROVIDERS_DASHBOARD.toFile()).path("panels"),
                queries);
        Map<String, String> perProvider = new LinkedHashMap<>(queries);
        perProvider
                .values()
                .removeIf(expr ->
                        !expr.contains("by (provider") || expr.contains("signing_seal_certificate_expiry_seconds"));
        assertThat(perProvider).hasSizeGreaterThanOrEqualTo(6);

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> query : perProvider.entrySet()) {
            Set<String> providers = new TreeSet<>();
            for (JsonNode series :
                    query(substitute(query.getValue())).path("data").path("result")) {
                providers.add(series.path("metric").path("provider").asString());
            }
            if (!providers.contains("eparaksts")) {
                problems.add(query.getKey() + " shows " + providers);
            }
            if (!query.getValue().contains("signing_provider_authorisation_valid") && !providers.contains("csc")) {
                problems.add(query.getKey() + " shows " + providers);
            }
        }
        assertThat(problems).as("per-provider queries missing a provider").isEmpty();

        // Every provider counts its documents under the one name, so one query shows both.
        String documents = queries.values().stream()
                .filter(expr -> expr.contains("signing_documents_total"))
                .findFirst()
                .orElseThrow();
        Set<String> applications = new TreeSet<>();
        for (JsonNode series : query(substitute(documents)).path("data").path("result")) {
            applications.add(series.path("metric").path("application").asString());
        }
        assertThat(applications).contains("provider-csc", "provider-eparaksts");
    }

    @Test
    void dashboardsUseTheirDatasourceVariableOnly() throws Exception {
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            List<String> uids = new ArrayList<>();
            dashboard
                    .findValues("datasource")
                    .forEach(ds -> uids.add(ds.path("uid").asString()));
            assertThat(uids)
                    .as("data sources in %s", file.getFileName())
                    .isNotEmpty()
                    .containsOnly("${datasource}");
            assertThat(dashboard.path("templating").path("list").toString()).contains("\"type\":\"datasource\"");
        }
    }

    @Test
    void everyAlertParsesAndLoadsAndTheDeadLetterAlertFires() throws Exception {
        Map<String, String> alerts = alertExpressions();
        assertThat(alerts.keySet())
                .contains(
                        "SigningStalled",
                        "SigningFailureRatioHigh",
                        "SigningCircuitBreakerOpen",
                        "SigningSealCertificateExpiring",
                        "SigningDeadLetters");
        Map<String, Integer> results = new TreeMap<>();
        for (Map.Entry<String, String> alert : alerts.entrySet()) {
            JsonNode answer = query(alert.getValue());
            assertThat(answer.path("status").asString())
                    .as("%s: %s", alert.getKey(), answer.path("error").asString())
                    .isEqualTo("success");
            results.put(alert.getKey(), answer.path("data").path("result").size());
        }
        assertThat(results)
                .as("alerts whose condition holds right now")
                .containsEntry("SigningDeadLetters", 1)
                .as("1 of %d documents failed", GOOD_DOCUMENTS + 1)
                .containsEntry("SigningFailureRatioHigh", 1)
                .containsEntry("SigningCircuitBreakerOpen", 0)
                .containsEntry("SigningStalled", 0)
                .containsEntry("SigningSealCertificateExpiring", 0)
                .as("nothing parked while every trust service answers")
                .containsEntry("SigningDocumentsParked", 0)
                .containsEntry("SigningServiceDown", 0)
                .as("the sandbox's test person authorised the eParaksts seal at start-up")
                .containsEntry("SigningProviderAuthorisationMissing", 0);

        // The rule file was loaded by this Prometheus, and every rule evaluates without error.
        JsonNode rules = get("/api/v1/rules");
        List<String> loaded = new ArrayList<>();
        for (JsonNode group : rules.path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                loaded.add(rule.path("name").asString());
                assertThat(rule.path("health").asString())
                        .as(
                                "%s: %s",
                                rule.path("name").asString(),
                                rule.path("lastError").asString())
                        .isNotEqualTo("err");
            }
        }
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(alerts.keySet());
    }

    @Test
    void theSealCertificateGaugeAndTheCircuitBreakerAreExported() throws Exception {
        JsonNode expiry = query("signing_seal_certificate_expiry_seconds{provider=\"csc\"} > 86400");
        assertThat(expiry.path("data").path("result").size())
                .as("seconds until the seal certificate expires")
                .isOne();
        JsonNode closed = query("resilience4j_circuitbreaker_state{name=\"csc\",state=\"closed\"} == 1");
        assertThat(closed.path("data").path("result").size()).isOne();
    }

    @Test
    void promtoolAcceptsTheRuleFile() throws Exception {
        Optional<Path> promtool = findExecutable("PROMTOOL_BIN", "promtool");
        assumeTrue(promtool.isPresent(), "SKIPPED: no promtool next to prometheus (Debian ships both)");
        Process check = new ProcessBuilder(promtool.get().toString(), "check", "rules", RULES.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
    }

    @Test
    void everyRecordOfADocumentsPathCarriesOneTraceId() throws Exception {
        Topics topics = Topics.defaults();
        List<String> common = List.of(
                topics.documentReceived().name(),
                topics.signatureRequested().name(),
                topics.signatureReturned().name(),
                topics.signatureAugmented().name(),
                topics.containerAssembled().name());
        List<String> byProvider = List.of(
                topics.hashComputed(Provider.CSC).name(),
                topics.hashComputed(Provider.EPARAKSTS).name());
        List<String> path = new ArrayList<>(common);
        path.addAll(byProvider);
        Map<String, Map<String, Set<String>>> traceIdsByDocument = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer()) {
            for (String topic : path) {
                readAll(consumer, topic)
                        .forEach(record -> traceIdsByDocument
                                .computeIfAbsent(record.key(), key -> new TreeMap<>())
                                .computeIfAbsent(topic, t -> new TreeSet<>())
                                .add(traceId(record)));
            }
        }
        Map<String, Map<String, Set<String>>> sealed = new TreeMap<>(traceIdsByDocument);
        sealed.values()
                .removeIf(byTopic ->
                        !byTopic.containsKey(topics.containerAssembled().name()));
        assertThat(sealed).hasSize(GOOD_DOCUMENTS + EPARAKSTS_DOCUMENTS);

        Set<String> traces = new TreeSet<>();
        sealed.forEach((document, byTopic) -> {
            Set<String> crossed = new TreeSet<>(byTopic.keySet());
            assertThat(crossed)
                    .as("topics document %s crossed", document)
                    .containsAll(common)
                    .hasSize(common.size() + 1)
                    .containsAnyElementsOf(byProvider);
            Set<String> ids = new TreeSet<>();
            byTopic.values().forEach(ids::addAll);
            assertThat(ids)
                    .as("trace ids of document %s: %s", document, byTopic)
                    .hasSize(1)
                    .doesNotContain("none");
            traces.addAll(ids);
        });
        assertThat(traces).as("every document is a trace of its own").hasSize(GOOD_DOCUMENTS + EPARAKSTS_DOCUMENTS);
    }

    @Test
    void theContainerStagesLogLinesCarryTheTraceAndDocumentIds(CapturedOutput output) throws Exception {
        // The output captured since the suite started includes the batch (PER_CLASS lifecycle).
        List<String> lines = output.getAll()
                .lines()
                .filter(line -> line.contains("Container assembled and validated"))
                .toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(GOOD_DOCUMENTS);
        Pattern correlation = Pattern.compile("\\[([0-9a-f]{32}),([0-9a-f-]{36})] ");
        for (String line : lines) {
            Matcher matcher = correlation.matcher(line);
            assertThat(matcher.find()).as("trace and document id in: %s", line).isTrue();
        }
    }

    @Test
    void anIntakeRecordWithoutATraceGetsOneThatItsLogLineAndItsOutcomeShare(CapturedOutput output) throws Exception {
        String documentId = IntakeAcceptor.documentIdFor("demo", "not-our-seal-1");
        String failedTopic = Topics.defaults().documentFailed().name();
        List<String> traces;
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer()) {
            traces = readAll(consumer, failedTopic).stream()
                    .filter(record -> documentId.equals(record.key()))
                    .map(ObservabilityIT::traceId)
                    .toList();
        }
        assertThat(traces).hasSize(1).allMatch(trace -> trace.matches("[0-9a-f]{32}"));
        assertThat(output.getAll().lines().filter(line -> line.contains("Intake rejected")))
                .as("the gateway's log line for the refused record")
                .anyMatch(line -> line.contains("[" + traces.get(0) + ","));
    }

    private Process startPrometheus(Path binary, List<SuiteServices.Running> services) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createDirectories(work.resolve("prometheus"));
        StringBuilder targets = new StringBuilder();
        services.forEach(service ->
                targets.append("          - 127.0.0.1:").append(service.port()).append('\n'));
        // The same job and rule file as deploy/prometheus/prometheus.yml, on the test's ports.
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: signing-suite
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets:
                %s""".formatted(RULES, targets));
        prometheusUrl = URI.create("http://127.0.0.1:" + port);
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(prometheusUrl.resolve("/-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                // still binding
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready: " + Files.readString(dir.resolve("prometheus.log")));
    }

    private void awaitAllTargetsUp(int expected) throws Exception {
        await("all " + expected + " targets up", () -> {
            JsonNode targets = get("/api/v1/targets").path("data").path("activeTargets");
            int up = 0;
            for (JsonNode target : targets) {
                up += "up".equals(target.path("health").asString()) ? 1 : 0;
            }
            return up == expected;
        });
    }

    private void awaitQuery(String expr) throws Exception {
        await(expr, () -> !query(expr).path("data").path("result").isEmpty());
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private JsonNode query(String expr) throws Exception {
        return get("/api/v1/query?query=" + URLEncoder.encode(expr, UTF_8));
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(prometheusUrl + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static String substitute(String expr) {
        String result = expr;
        for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
            result = result.replace(variable.getKey(), variable.getValue());
        }
        return result;
    }

    private static Optional<String> allowedEmpty(String expr) {
        return ALLOWED_EMPTY.keySet().stream().filter(expr::contains).findFirst();
    }

    private static List<Path> dashboardFiles() throws Exception {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    /** "file / panel / refId" → expr, for every panel target and nested row panel. */
    private static Map<String, String> dashboardQueries() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            collect(file.getFileName().toString(), dashboard.path("panels"), queries);
        }
        return queries;
    }

    private static void collect(String file, JsonNode panels, Map<String, String> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(
                        file + " / " + panel.path("title").asString() + " / "
                                + target.path("refId").asString(),
                        target.path("expr").asString());
            }
            collect(file, panel.path("panels"), queries);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> alertExpressions() throws Exception {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        Map<String, String> alerts = new TreeMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                alerts.put((String) rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return alerts;
    }

    private static Optional<Path> findExecutable(String environmentVariable, String name) {
        String explicit = System.getenv(environmentVariable);
        if (explicit != null && Files.isExecutable(Path.of(explicit))) {
            return Optional.of(Path.of(explicit));
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(
                        Stream.of(pathVariable.split(java.io.File.pathSeparator))
                                .filter(Predicate.not(String::isBlank)),
                        Stream.of("/usr/bin", "/usr/local/bin"))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private void deadLetterAPoisonIntakeRecord() throws Exception {
        KafkaBroker broker = suite.getBean(KafkaBroker.class);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> poison = new ProducerRecord<>(
                    Topics.defaults().intake().name(),
                    "poison".getBytes(UTF_8),
                    "{\"tenantId\": \"demo\", truncated".getBytes(UTF_8));
            poison.headers()
                    .add(
                            CloudEventHeaders.TYPE,
                            EventTypes.typeOf(DocumentSubmitted.class).getBytes(UTF_8));
            raw.send(poison).get();
        }
    }

    /** Fails at the gateway, through the pipeline's own DocumentFailed (the seal command refuses bad files itself). */
    private void submitADocumentForASignerTheTenantMayNotUse() throws Exception {
        KafkaSealClients clients = new KafkaSealClients(
                suite.getBean(KafkaBroker.class).bootstrapServers(),
                suite.getBean(StandaloneProperties.class).kafka().partitions(),
                BrokerConfig.MAX_MESSAGE_BYTES);
        try (KafkaProducer<String, Object> intake = clients.intakeProducer()) {
            DocumentSubmitted refused = new DocumentSubmitted(
                    DocumentSubmitted.SCHEMA_VERSION,
                    "demo",
                    "not-our-seal-1",
                    null,
                    "invoice-for-another-seal.xml",
                    "application/xml",
                    "<Invoice/>".getBytes(UTF_8),
                    new SignerRef(Provider.CSC, "another-tenants-seal"),
                    SignatureFormat.ASIC_E_CADES,
                    SignatureLevel.LT);
            intake.send(new ProducerRecord<>(Topics.defaults().intake().name(), "not-our-seal-1", refused))
                    .get();
        }
    }

    private KafkaConsumer<String, byte[]> rawConsumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        suite.getBean(KafkaBroker.class).bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static String traceId(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
        if (header == null) {
            return "none";
        }
        String value = new String(header.value(), UTF_8).replace("\"", "");
        Matcher matcher =
                Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}").matcher(value);
        return matcher.matches() ? matcher.group(1) : "malformed:" + value;
    }
}
