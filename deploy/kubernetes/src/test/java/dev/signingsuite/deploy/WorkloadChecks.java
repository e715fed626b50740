package dev.signingsuite.deploy;

import static dev.signingsuite.deploy.KafkaChecks.ofKind;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Deployments, images, probes, environment and scaling against the services' code and configuration. */
final class WorkloadChecks {

    static final String IMAGE_REGISTRY = "ghcr.io/signing-suite/";
    static final int PORT = 8080;
    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    private static final Pattern IMAGE = Pattern.compile(Pattern.quote(IMAGE_REGISTRY) + "([a-z0-9-]+):(.+)");

    private WorkloadChecks() {}

    /** Every manifest parses into its model (or KEDA's schema) with nothing left over. */
    static List<String> strict(List<Manifest> manifests) {
        List<String> out = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (KedaSchema.isKeda(manifest)) {
                out.addAll(KedaSchema.violations(manifest));
            } else if (manifest.kind().equals("Kustomization")) {
                out.addAll(Kustomizations.violations(manifest));
            } else {
                out.addAll(StrictModels.violations(manifest));
            }
        }
        return out;
    }

    /** Image names: ghcr.io/signing-suite/<module>:<project version>, the module one of the services. */
    static List<String> image(String where, String image, String expectedModule) {
        List<String> out = new ArrayList<>();
        Matcher matcher = IMAGE.matcher(image);
        if (!matcher.matches()) {
            out.add(where + ": image " + image + " is not " + IMAGE_REGISTRY + "<module>:<version>");
            return out;
        }
        String module = matcher.group(1);
        Path pom = ManifestFiles.REPOSITORY.resolve(module).resolve("pom.xml");
        if (!ServiceConfig.SERVICES.contains(module) || !Files.exists(pom)) {
            out.add(where + ": image " + image + " names no service module");
        } else if (!module.equals(expectedModule)) {
            out.add(where + ": runs " + module + " where " + expectedModule + " belongs");
        }
        if (!matcher.group(2).equals(projectVersion())) {
            out.add(where + ": image tag " + matcher.group(2) + " is not the project version " + projectVersion());
        }
        return out;
    }

    /** Every environment variable binds to a property of that service. */
    static List<String> environment(String where, String service, Iterable<String> variables) {
        List<String> out = new ArrayList<>();
        PropertyCatalog catalog = PropertyCatalog.of(ServiceConfig.of(service));
        for (String variable : variables) {
            if (!catalog.binds(variable)) {
                out.add(where + ": " + variable + " binds to no configuration property of " + service);
            }
        }
        return out;
    }

    /** Actuator probes are served: health exposed, probes enabled (yml or environment), port 8080. */
    static List<String> probesServed(String where, String service, Map<String, String> literalEnvironment) {
        List<String> out = new ArrayList<>();
        ServiceConfig config = ServiceConfig.of(service);
        String exposed = config.property("management.endpoints.web.exposure.include");
        if (exposed == null || !List.of(exposed.split(",")).contains("health")) {
            out.add(where + ": " + service + " does not expose the health endpoint");
        }
        String enabled = literalEnvironment.getOrDefault(
                "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED",
                config.property("management.endpoint.health.probes.enabled"));
        if (!"true".equals(enabled)) {
            out.add(where + ": " + service + " does not enable the liveness and readiness probes");
        }
        if (!String.valueOf(PORT).equals(literalEnvironment.get("SERVER_PORT"))) {
            out.add(where + ": SERVER_PORT must be " + PORT);
        }
        return out;
    }

    static List<String> deployments(List<Manifest> manifests) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Manifest deployment : ofKind(manifests, "Deployment")) {
            String service = deployment.name();
            seen.add(service);
            JsonNode pod = deployment.node().path("spec").path("template").path("spec");
            if (pod.path("containers").size() != 1) {
                out.add(deployment.where() + ": one container per pod");
                continue;
            }
            JsonNode container = pod.path("containers").get(0);
            out.addAll(image(deployment.where(), container.path("image").asText(), service));
            List<String> names = new ArrayList<>();
            Map<String, String> literal = new java.util.HashMap<>();
            for (JsonNode env : container.path("env")) {
                names.add(env.path("name").asText());
                if (env.has("value")) {
                    literal.put(env.path("name").asText(), env.path("value").asText());
                }
            }
            if (!ServiceConfig.SERVICES.contains(service)) {
                out.add(deployment.where() + ": no service module " + service);
                continue;
            }
            out.addAll(environment(deployment.where(), service, names));
            out.addAll(ownKafkaUser(deployment.where(), service, container));
            out.addAll(probesServed(deployment.where(), service, literal));
            out.addAll(probe(deployment.where(), container, "livenessProbe", LIVENESS));
            out.addAll(probe(deployment.where(), container, "readinessProbe", READINESS));
            if (container.path("resources").path("requests").isMissingNode()
                    || container.path("resources").path("limits").path("memory").isMissingNode()) {
                out.add(deployment.where() + ": needs resource requests and a memory limit");
            }
            if (ofKind(manifests, "PodDisruptionBudget").stream()
                    .noneMatch(pdb -> pdb.name().equals(service))) {
                out.add(deployment.where() + ": no PodDisruptionBudget");
            }
        }
        ServiceConfig.SERVICES.stream()
                .filter(service -> !seen.contains(service))
                .forEach(service -> out.add("no Deployment for " + service));
        return out;
    }

    /** The service logs in to Kafka as its own KafkaUser (whose Secret Strimzi names after it). */
    private static List<String> ownKafkaUser(String where, String service, JsonNode container) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG")) {
                JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                if (ref.path("name").asText().equals(service)
                        && ref.path("key").asText().equals("sasl.jaas.config")) {
                    return List.of();
                }
                return List.of(where + ": must log in to Kafka as KafkaUser " + service + " (Secret " + service
                        + ", key sasl.jaas.config), not " + ref);
            }
        }
        return List.of(
                where + ": sets no Kafka login (SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG)");
    }

    /** The PodMonitor selects every service's pods and scrapes a port they declare. */
    static List<String> monitoring(List<Manifest> manifests) {
        List<String> out = new ArrayList<>();
        List<Manifest> monitors = ofKind(manifests, "PodMonitor");
        if (monitors.isEmpty()) {
            return List.of("no PodMonitor");
        }
        for (Manifest deployment : ofKind(manifests, "Deployment")) {
            JsonNode template = deployment.node().path("spec").path("template");
            boolean scraped = monitors.stream().anyMatch(monitor -> {
                JsonNode selector = monitor.node().path("spec").path("selector").path("matchLabels");
                boolean selected = true;
                for (var it = selector.fields(); it.hasNext(); ) {
                    var label = it.next();
                    selected &= label.getValue()
                            .asText()
                            .equals(template.path("metadata")
                                    .path("labels")
                                    .path(label.getKey())
                                    .asText(null));
                }
                boolean portAndPath = false;
                for (JsonNode endpoint : monitor.node().path("spec").path("podMetricsEndpoints")) {
                    for (JsonNode port :
                            template.path("spec").path("containers").get(0).path("ports")) {
                        portAndPath |= port.path("name")
                                        .asText()
                                        .equals(endpoint.path("port").asText())
                                && port.path("containerPort").asInt() == PORT
                                && endpoint.path("path").asText().equals("/actuator/prometheus");
                    }
                }
                return selected && portAndPath;
            });
            if (!scraped) {
                out.add(deployment.where() + ": no PodMonitor scrapes /actuator/prometheus on its port " + PORT);
            }
        }
        return out;
    }

    private static List<String> probe(String where, JsonNode container, String probe, String path) {
        JsonNode get = container.path(probe).path("httpGet");
        List<String> out = new ArrayList<>();
        if (!get.path("path").asText().equals(path)) {
            out.add(where + ": " + probe + " must ask " + path + " but asks "
                    + get.path("path").asText());
        }
        JsonNode port = get.path("port");
        int number = port.isInt() ? port.asInt() : -1;
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                number = declared.path("containerPort").asInt();
            }
        }
        if (number != PORT) {
            out.add(where + ": " + probe + " must ask port " + PORT);
        }
        return out;
    }

    /**
     * A ScaledObject per consuming service on one of its consumer groups and topics, at most one
     * instance per partition; a provider's maximum is its rate limit over one instance's requests.
     */
    static List<String> scaling(List<Manifest> manifests) {
        List<String> out = new ArrayList<>();
        Map<String, KafkaChecks.TopicSpec> topics = KafkaChecks.expectedTopics();
        for (String service : ServiceConfig.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            if (config.inputs().isEmpty()) {
                continue;
            }
            List<Manifest> scaled = ofKind(manifests, "ScaledObject").stream()
                    .filter(m -> m.node()
                            .path("spec")
                            .path("scaleTargetRef")
                            .path("name")
                            .asText()
                            .equals(service))
                    .toList();
            if (scaled.size() != 1) {
                out.add(service + " consumes but has " + scaled.size() + " ScaledObjects");
                continue;
            }
            Manifest so = scaled.get(0);
            JsonNode spec = so.node().path("spec");
            for (JsonNode trigger : spec.path("triggers")) {
                String group = trigger.path("metadata").path("consumerGroup").asText();
                String topic = trigger.path("metadata").path("topic").asText();
                boolean bound = config.inputs().stream()
                        .anyMatch(
                                b -> group.equals(b.group()) && b.destination().equals(topic));
                if (!bound) {
                    out.add(so.where() + ": " + service + " has no binding reading " + topic + " in group " + group);
                }
                KafkaChecks.TopicSpec spec1 = topics.get(topic);
                int max = spec.path("maxReplicaCount").asInt(100);
                if (spec1 != null && max > spec1.partitions()) {
                    out.add(so.where() + ": maxReplicaCount " + max + " exceeds the " + spec1.partitions()
                            + " partitions of " + topic);
                }
            }
            JsonNode annotations = so.node().path("metadata").path("annotations");
            if (service.startsWith("provider-")) {
                int limit = annotations
                        .path("signing-suite.dev/provider-rate-limit")
                        .asInt(-1);
                int perInstance = annotations
                        .path("signing-suite.dev/requests-per-instance")
                        .asInt(-1);
                if (limit < 1 || perInstance < 1) {
                    out.add(so.where() + ": a provider's maximum must come from its rate limit"
                            + " (annotations signing-suite.dev/provider-rate-limit, requests-per-instance)");
                } else if (spec.path("maxReplicaCount").asInt() != limit / perInstance) {
                    out.add(so.where() + ": maxReplicaCount must be floor(" + limit + " / " + perInstance + ") = "
                            + limit / perInstance);
                }
            }
        }
        return out;
    }

    static String projectVersion() {
        String version = System.getProperty("project.version");
        if (version == null) {
            throw new IllegalStateException("the build passes project.version to the tests (pom.xml)");
        }
        return version;
    }
}
