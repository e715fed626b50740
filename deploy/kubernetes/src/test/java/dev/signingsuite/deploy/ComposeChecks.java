package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signingsuite.events.Topic;
import dev.signingsuite.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/compose/compose.yaml against the same code as the Kubernetes manifests. */
final class ComposeChecks {

    /**
     * One line of the kafka-topics service's script: {@code create <topic> <partitions> <retention.ms>
     * [cleanup.policy]}.
     */
    private static final Pattern CREATE =
            Pattern.compile("(?m)^\\s*create (\\S+) (\\d+) (\\d+)(?: (compact,delete))?\\s*$");

    private ComposeChecks() {}

    static List<String> all(JsonNode compose) {
        List<String> out = new ArrayList<>();
        JsonNode services = compose.path("services");
        out.addAll(kafka(services));
        out.addAll(topics(services.path("kafka-topics")));
        for (String service : ServiceConfig.SERVICES) {
            JsonNode definition = services.path(service);
            String where = "compose " + service;
            if (definition.isMissingNode()) {
                out.add("compose has no service " + service);
                continue;
            }
            out.addAll(WorkloadChecks.image(where, definition.path("image").asText(), service));
            Map<String, String> environment = new HashMap<>();
            definition
                    .path("environment")
                    .fields()
                    .forEachRemaining(
                            e -> environment.put(e.getKey(), e.getValue().asText()));
            out.addAll(WorkloadChecks.environment(where, service, environment.keySet()));
            out.addAll(WorkloadChecks.probesServed(where, service, environment));
            String healthcheck = definition.path("healthcheck").path("test").toString();
            if (!healthcheck.contains(WorkloadChecks.READINESS) || !healthcheck.contains("/" + WorkloadChecks.PORT)) {
                out.add(where + ": the healthcheck must ask " + WorkloadChecks.READINESS + " on port "
                        + WorkloadChecks.PORT);
            }
        }
        out.addAll(mounts(services));
        out.addAll(ComposeBackOffices.all(services, script(services.path("kafka-topics"))));
        return out;
    }

    /** Three KRaft nodes, every one a voter, replication factor 3 and min.insync.replicas 2. */
    static List<String> kafka(JsonNode services) {
        List<String> out = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            JsonNode env = services.path("kafka-" + node).path("environment");
            String where = "compose kafka-" + node;
            if (!services.path("kafka-" + node).path("image").asText().startsWith("apache/kafka:")) {
                out.add(where + ": must be the apache/kafka image");
            }
            expect(where, env, "KAFKA_NODE_ID", String.valueOf(node), out);
            expect(where, env, "KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093", out);
            expect(where, env, "KAFKA_DEFAULT_REPLICATION_FACTOR", "3", out);
            expect(where, env, "KAFKA_MIN_INSYNC_REPLICAS", "2", out);
            expect(where, env, "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3", out);
        }
        return out;
    }

    static List<String> topics(JsonNode topicService) {
        List<String> out = new ArrayList<>();
        Map<String, KafkaChecks.TopicSpec> created = new HashMap<>();
        String script = script(topicService);
        Matcher matcher = CREATE.matcher(script);
        while (matcher.find()) {
            created.put(
                    matcher.group(1),
                    new KafkaChecks.TopicSpec(Integer.parseInt(matcher.group(2)), Long.parseLong(matcher.group(3))));
            if ((matcher.group(4) != null) != compacted(matcher.group(1))) {
                out.add("compose kafka-topics creates " + matcher.group(1) + " with the wrong cleanup.policy");
            }
        }
        Map<String, KafkaChecks.TopicSpec> expected = KafkaChecks.expectedTopics();
        ComposeBackOffices.tenants(script).forEach(tenant -> expected.putAll(ComposeBackOffices.topicsOf(tenant)));
        expected.forEach((name, spec) -> {
            KafkaChecks.TopicSpec actual = created.remove(name);
            if (actual == null) {
                out.add("compose kafka-topics does not create " + name);
            } else if (!actual.equals(spec)) {
                out.add("compose kafka-topics creates " + name + " as " + actual + ", the registry says " + spec);
            }
        });
        created.keySet().forEach(name -> out.add("compose kafka-topics creates " + name + ", which nothing uses"));
        return out;
    }

    private static String script(JsonNode topicService) {
        StringBuilder script = new StringBuilder();
        topicService
                .path("command")
                .forEach(part -> script.append(part.asText()).append('\n'));
        return script.toString();
    }

    private static boolean compacted(String name) {
        return Topics.defaults().byName(name).map(Topic::compacted).orElse(false);
    }

    /** Files mounted from the repository exist (Prometheus rules, Grafana provisioning, dashboards). */
    static List<String> mounts(JsonNode services) {
        List<String> out = new ArrayList<>();
        Path dir = ManifestFiles.COMPOSE.getParent();
        services.fields().forEachRemaining(service -> {
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".") && !Files.exists(dir.resolve(source))) {
                    out.add("compose " + service.getKey() + ": mounts " + source + ", which does not exist");
                }
            }
        });
        return out;
    }

    private static void expect(String where, JsonNode env, String name, String value, List<String> out) {
        if (!env.path(name).asText().equals(value)) {
            out.add(where + ": " + name + " must be " + value + " but is "
                    + env.path(name).asText());
        }
    }
}
