package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.util.List;

/** The one Kafka cluster of the base, and what a Deployment sets to reach it. */
final class StrimziCluster {

    private StrimziCluster() {}

    static Kafka kafka(List<Manifest> manifests) {
        List<Manifest> clusters = KafkaChecks.ofKind(manifests, "Kafka");
        if (clusters.size() != 1) {
            throw new AssertionError("expected one Kafka, found " + clusters.size());
        }
        return StrictModels.parse(clusters.get(0), Kafka.class);
    }

    /** The literal value of an environment variable of the Deployment's container, or null. */
    static String env(Manifest deployment, String name) {
        for (JsonNode env : deployment.node().at("/spec/template/spec/containers/0/env")) {
            if (env.path("name").asText().equals(name)) {
                return env.path("value").asText(null);
            }
        }
        return null;
    }
}
