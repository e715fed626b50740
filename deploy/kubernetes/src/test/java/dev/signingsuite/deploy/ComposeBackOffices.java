package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Topic;
import dev.signingsuite.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The back offices' door in deploy/compose/compose.yaml (ADR 17, ADR 23): the only published Kafka
 * listener authenticates (SCRAM-SHA-512) and authorises (StandardAuthorizer, nothing allowed without
 * an ACL); each tenant the kafka-topics script provisions has its three topics, a user whose ACLs
 * name only that tenant's resources, and its intake read by the gateway.
 */
final class ComposeBackOffices {

    /** {@code backoffice <tenant> <password>}: the script's call that provisions a tenant. */
    private static final Pattern BACK_OFFICE = Pattern.compile("(?m)^\\s*backoffice (\\S+) \\S+\\s*$");
    /** An ACL line of the script's backoffice function and the resource it names. */
    private static final Pattern ACL = Pattern.compile("(?m)^\\s*acl (.*--(?:topic|group) (\\S+).*)$");

    static final String LISTENER = "BACKOFFICE";
    /** The gateway's intake binding of each lane names the shared intake and each tenant's own. */
    static final Map<Lane, String> INTAKE_DESTINATIONS = Map.of(
            Lane.BULK, "spring.cloud.stream.bindings.intake-in-0.destination",
            Lane.INTERACTIVE, "spring.cloud.stream.bindings.intakeInteractive-in-0.destination");

    /** The consumer group of each lane's intake binding (gateway.yml): its dead letters' name. */
    private static final Map<Lane, String> INTAKE_GROUPS =
            Map.of(Lane.BULK, "gateway", Lane.INTERACTIVE, "gateway-interactive");

    private ComposeBackOffices() {}

    /** The tenants the kafka-topics script provisions. */
    static List<String> tenants(String script) {
        List<String> tenants = new ArrayList<>();
        Matcher matcher = BACK_OFFICE.matcher(script);
        while (matcher.find()) {
            tenants.add(matcher.group(1));
        }
        return tenants;
    }

    /**
     * A tenant's own topics as a cluster must create them: the intake of each lane and its dead
     * letters, the outcomes.
     */
    static Map<String, KafkaChecks.TopicSpec> topicsOf(String tenant) {
        Topics topics = Topics.defaults();
        Map<String, KafkaChecks.TopicSpec> own = new LinkedHashMap<>();
        for (Lane lane : Lane.values()) {
            Topic<?> intake = topics.intake(lane);
            own.put(
                    topics.tenantIntake(tenant, lane),
                    new KafkaChecks.TopicSpec(
                            intake.partitions(), intake.retention().toMillis()));
            own.put(
                    Topics.deadLetter(topics.tenantIntake(tenant, lane), INTAKE_GROUPS.get(lane)),
                    new KafkaChecks.TopicSpec(intake.partitions(), KafkaChecks.DEAD_LETTER_RETENTION_MS));
        }
        own.put(
                topics.tenantOutcomes(tenant),
                new KafkaChecks.TopicSpec(
                        topics.intake().partitions(), Topics.outcomeRetention().toMillis()));
        return own;
    }

    static List<String> all(JsonNode services, String script) {
        List<String> out = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            out.addAll(listener(node, services.path("kafka-" + node)));
        }
        List<String> tenants = tenants(script);
        if (tenants.isEmpty()) {
            out.add("compose kafka-topics provisions no back office (a `backoffice <tenant> <password>` line)");
        }
        Matcher acl = ACL.matcher(script);
        int acls = 0;
        while (acl.find()) {
            acls++;
            // Only the function's own tenant: a literal name would open one tenant's topic to all.
            if (!acl.group(2).contains("$$1")) {
                out.add("compose kafka-topics: ACL `" + acl.group(1).trim() + "` names " + acl.group(2)
                        + ", not a resource of the tenant being provisioned ($$1)");
            }
        }
        if (acls == 0) {
            out.add("compose kafka-topics grants the back offices no ACL");
        }
        out.addAll(gatewayReadsIntakes(services.path("gateway"), tenants));
        return out;
    }

    /** Every published port of a Kafka node is the authenticated back-office listener. */
    private static List<String> listener(int node, JsonNode kafka) {
        List<String> out = new ArrayList<>();
        String where = "compose kafka-" + node;
        JsonNode env = kafka.path("environment");
        Map<String, String> expected = Map.of(
                "KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512",
                "KAFKA_LISTENER_NAME_BACKOFFICE_SCRAM__SHA__512_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "KAFKA_SUPER_USERS", "User:ANONYMOUS",
                "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
        expected.forEach((name, value) -> {
            if (!env.path(name).asText().equals(value)) {
                out.add(where + ": " + name + " must be " + value + " but is "
                        + env.path(name).asText());
            }
        });
        if (!List.of(env.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText().split(","))
                .contains(LISTENER + ":SASL_PLAINTEXT")) {
            out.add(where + ": the " + LISTENER + " listener must be SASL_PLAINTEXT");
        }
        String port = listenerPort(env.path("KAFKA_LISTENERS").asText());
        if (port == null) {
            out.add(where + ": no " + LISTENER + " listener");
        }
        for (JsonNode published : kafka.path("ports")) {
            // ANONYMOUS is a super user: a published PLAINTEXT or CONTROLLER port would bypass the ACLs.
            if (port == null || !published.asText().endsWith(":" + port)) {
                out.add(where + ": publishes " + published.asText() + ", which is not the " + LISTENER + " listener");
            }
        }
        return out;
    }

    private static String listenerPort(String listeners) {
        for (String listener : listeners.split(",")) {
            if (listener.startsWith(LISTENER + "://")) {
                return listener.substring(listener.lastIndexOf(':') + 1);
            }
        }
        return null;
    }

    private static List<String> gatewayReadsIntakes(JsonNode gateway, List<String> tenants) {
        JsonNode config = null;
        for (JsonNode volume : gateway.path("volumes")) {
            String source = volume.asText().split(":")[0];
            if (source.endsWith("gateway-tenants.yml")) {
                try {
                    config = ManifestFiles.YAML.readTree(
                            ManifestFiles.COMPOSE.resolveSibling(source).toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (config == null) {
            return List.of("compose gateway: mounts no gateway-tenants.yml naming its intake topics");
        }
        List<String> out = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            String property = INTAKE_DESTINATIONS.get(lane);
            List<String> topics = List.of(config.path(property).asText().split(","));
            if (!topics.contains(Topics.defaults().intake(lane).name())) {
                out.add("compose gateway: " + property + " lacks the shared intake");
            }
            for (String tenant : tenants) {
                if (!topics.contains(Topics.defaults().tenantIntake(tenant, lane))) {
                    out.add("compose gateway: " + property + " lacks tenant " + tenant + "'s intake");
                }
            }
        }
        return out;
    }
}
