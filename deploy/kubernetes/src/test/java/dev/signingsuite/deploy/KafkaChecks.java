package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signingsuite.events.StageOutcomeRecorded;
import dev.signingsuite.events.Topic;
import dev.signingsuite.events.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The Strimzi KafkaTopics and KafkaUsers against the topic registry and the services' bindings. */
final class KafkaChecks {

    /** Dead-letter topics keep what failed long enough to look at it and replay it: 14 days. */
    static final long DEAD_LETTER_RETENTION_MS = 14L * 24 * 3600 * 1000;

    static final int REPLICATION_FACTOR = 3;
    static final int MIN_IN_SYNC_REPLICAS = 2;

    /** A topic as a cluster must create it. */
    record TopicSpec(int partitions, long retentionMs) {}

    private KafkaChecks() {}

    /** Every topic the cluster must have: the registry's and the services' dead-letter topics. */
    static Map<String, TopicSpec> expectedTopics() {
        Map<String, TopicSpec> expected = new LinkedHashMap<>();
        for (Topic<?> topic : Topics.defaults().all()) {
            expected.put(
                    topic.name(),
                    new TopicSpec(topic.partitions(), topic.retention().toMillis()));
        }
        int partitions = Topics.defaults().intake().partitions();
        for (String deadLetter : ServiceConfig.deadLetterTopics()) {
            expected.put(deadLetter, new TopicSpec(partitions, DEAD_LETTER_RETENTION_MS));
        }
        return expected;
    }

    static List<String> topics(List<Manifest> manifests) {
        List<String> out = new ArrayList<>();
        Map<String, TopicSpec> expected = expectedTopics();
        Set<String> found = new TreeSet<>();
        for (Manifest manifest : ofKind(manifests, "KafkaTopic")) {
            JsonNode spec = manifest.node().path("spec");
            String name = spec.path("topicName").asText(manifest.name());
            found.add(name);
            TopicSpec wanted = expected.get(name);
            if (wanted == null) {
                out.add(manifest.where() + ": topic " + name + " is neither in the registry nor a dead-letter topic");
                continue;
            }
            if (spec.path("partitions").asInt() != wanted.partitions()) {
                out.add(manifest.where() + ": " + name + " has "
                        + spec.path("partitions").asInt() + " partitions, the registry says " + wanted.partitions());
            }
            long retention = spec.path("config").path("retention.ms").asLong(-1);
            if (retention != wanted.retentionMs()) {
                out.add(manifest.where() + ": " + name + " keeps records " + retention + " ms, expected "
                        + wanted.retentionMs());
            }
            boolean compacted =
                    Topics.defaults().byName(name).map(Topic::compacted).orElse(false);
            String policy = spec.path("config").path("cleanup.policy").asText("delete");
            if (!policy.equals(compacted ? "compact,delete" : "delete")) {
                out.add(manifest.where() + ": " + name + " has cleanup.policy " + policy + ", expected "
                        + (compacted ? "compact,delete" : "delete"));
            }
            if (spec.path("replicas").asInt() != REPLICATION_FACTOR
                    || spec.path("config").path("min.insync.replicas").asInt() != MIN_IN_SYNC_REPLICAS) {
                out.add(manifest.where() + ": " + name + " must have replicas " + REPLICATION_FACTOR
                        + " and min.insync.replicas " + MIN_IN_SYNC_REPLICAS);
            }
        }
        expected.keySet().stream()
                .filter(name -> !found.contains(name))
                .forEach(name -> out.add("no KafkaTopic for " + name));
        return out;
    }

    /**
     * Each service's KafkaUser grants exactly: Read+Describe on what it consumes, Write+Describe on
     * what it writes, Read+Describe on its groups. back-office writes only what the registry says it
     * writes; keda only describes.
     */
    static List<String> acls(List<Manifest> manifests) {
        List<String> out = new ArrayList<>();
        Set<String> users = new TreeSet<>();
        for (Manifest user : ofKind(manifests, "KafkaUser")) {
            users.add(user.name());
            Set<String> actual = grants(user);
            if (ServiceConfig.SERVICES.contains(user.name())) {
                Set<String> expected = expectedGrants(ServiceConfig.of(user.name()));
                diff(user, expected, actual, out);
            } else if (user.name().equals("back-office")) {
                Set<String> writes = new TreeSet<>();
                actual.stream().filter(g -> g.startsWith("Write ")).forEach(writes::add);
                Set<String> expected = new TreeSet<>();
                Topics.defaults().all().stream()
                        .filter(topic -> topic.writer().equals("back-office"))
                        .forEach(topic -> expected.add("Write topic:" + topic.name()));
                diff(user, expected, writes, out);
            } else if (user.name().equals("keda")) {
                actual.stream()
                        .filter(g -> !g.startsWith("Describe "))
                        .forEach(g -> out.add(user.where() + ": keda may only describe, but has " + g));
            } else {
                out.add(user.where() + ": a KafkaUser for no known client");
            }
        }
        ServiceConfig.SERVICES.stream()
                .filter(service -> !users.contains(service))
                .forEach(service -> out.add("no KafkaUser for " + service));
        return out;
    }

    static Set<String> expectedGrants(ServiceConfig config) {
        Set<String> grants = new TreeSet<>();
        for (String topic : config.reads()) {
            grants.add("Read topic:" + topic);
            grants.add("Describe topic:" + topic);
        }
        for (String topic : config.writes()) {
            grants.add("Write topic:" + topic);
            grants.add("Describe topic:" + topic);
        }
        for (String group : config.groups()) {
            grants.add("Read group:" + group);
            grants.add("Describe group:" + group);
        }
        // A stage reads its own dedup ledger back (ADR 11).
        for (Topic<?> topic : Topics.defaults().all()) {
            if (topic.payloadType() == StageOutcomeRecorded.class
                    && config.writes().contains(topic.name())) {
                grants.add("Read topic:" + topic.name());
            }
        }
        // A transactional stage's producers: transactional ids under the service's own prefix.
        String transactions = config.property("spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix");
        if (transactions != null) {
            grants.add("Write transactionalId:" + config.service() + "-*");
            grants.add("Describe transactionalId:" + config.service() + "-*");
        }
        return grants;
    }

    /** "Operation type:name" per operation of every allow rule; a prefix pattern ends in '*'. */
    static Set<String> grants(Manifest user) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode acl : user.node().path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            String name = resource.path("name").asText()
                    + (resource.path("patternType").asText("literal").equals("prefix") ? "*" : "");
            List<String> operations = new ArrayList<>();
            acl.path("operations").forEach(op -> operations.add(op.asText()));
            if (acl.has("operation")) {
                operations.add(acl.path("operation").asText());
            }
            if (acl.path("type").asText("allow").equals("allow")) {
                operations.forEach(
                        op -> grants.add(op + " " + resource.path("type").asText() + ":" + name));
            }
        }
        return grants;
    }

    private static void diff(Manifest user, Set<String> expected, Set<String> actual, List<String> out) {
        expected.stream().filter(g -> !actual.contains(g)).forEach(g -> out.add(user.where() + ": missing " + g));
        actual.stream()
                .filter(g -> !expected.contains(g))
                .forEach(g -> out.add(user.where() + ": grants " + g + " which its configuration does not need"));
    }

    static List<Manifest> ofKind(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }
}
