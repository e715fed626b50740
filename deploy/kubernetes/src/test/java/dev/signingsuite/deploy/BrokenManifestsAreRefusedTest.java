package dev.signingsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each check refuses a broken copy of a real manifest: the checks can fail. */
class BrokenManifestsAreRefusedTest {

    private final List<Manifest> base = ManifestFiles.base();

    @Test
    void anUnknownFieldInADeploymentIsRefused() {
        List<Manifest> broken =
                edit("Deployment", "provider-csc", m -> container(m).put("imagePullPolcy", "Always"));

        assertThat(WorkloadChecks.strict(broken)).singleElement().asString().contains("imagePullPolcy");
    }

    @Test
    void anUnknownFieldInAStrimziResourceIsRefused() {
        List<Manifest> topic = edit("KafkaTopic", "signing-intake-v1", m -> spec(m).put("retention", "7d"));
        List<Manifest> user = edit("KafkaUser", "gateway", m -> {
            ObjectNode acl =
                    (ObjectNode) spec(m).path("authorization").path("acls").get(0);
            acl.put("permission", "allow");
        });

        assertThat(WorkloadChecks.strict(topic)).singleElement().asString().contains("retention");
        assertThat(WorkloadChecks.strict(user)).singleElement().asString().contains("permission");
    }

    @Test
    void anUnknownFieldOrTriggerParameterInAScaledObjectIsRefused() {
        List<Manifest> field = edit("ScaledObject", "hash-service", m -> spec(m).put("maxReplicas", 3));
        List<Manifest> parameter = edit(
                "ScaledObject",
                "hash-service",
                m -> ((ObjectNode) spec(m).path("triggers").get(0).path("metadata"))
                        .put("consumerGroupId", "hash-service"));
        List<Manifest> unquoted = edit(
                "ScaledObject",
                "hash-service",
                m -> ((ObjectNode) spec(m).path("triggers").get(0).path("metadata")).put("lagThreshold", 100));

        assertThat(WorkloadChecks.strict(field)).singleElement().asString().contains("maxReplicas");
        assertThat(WorkloadChecks.strict(parameter))
                .anySatisfy(v -> assertThat(v).contains("consumerGroupId"));
        assertThat(WorkloadChecks.strict(unquoted)).singleElement().asString().contains("must be a string");
    }

    @Test
    void aMissingTopicOrAnotherRetentionIsRefused() {
        List<Manifest> missing = new ArrayList<>(base);
        missing.removeIf(m -> m.kind().equals("KafkaTopic") && m.name().equals("signing-signature-returned-v1"));
        List<Manifest> retention = edit(
                "KafkaTopic",
                "signing-document-failed-v1",
                m -> ((ObjectNode) spec(m).path("config")).put("retention.ms", 604800000L));

        assertThat(KafkaChecks.topics(missing)).containsExactly("no KafkaTopic for signing.signature-returned.v1");
        assertThat(KafkaChecks.topics(retention)).singleElement().asString().contains("keeps records 604800000 ms");
    }

    @Test
    void anAclBeyondWhatTheServiceNeedsOrOneMissingIsRefused() {
        List<Manifest> extra = edit(
                "KafkaUser",
                "hash-service",
                m -> acls(m).addObject()
                        .<ObjectNode>set("resource", resource("signing.signature-returned.v1"))
                        .putArray("operations")
                        .add("Write"));
        List<Manifest> missing = edit("KafkaUser", "container-service", m -> acls(m).remove(0));

        assertThat(KafkaChecks.acls(extra))
                .singleElement()
                .asString()
                .contains("grants Write topic:signing.signature-returned.v1");
        assertThat(KafkaChecks.acls(missing))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).contains("missing"));
    }

    @Test
    void anEnvironmentVariableWithATypoIsRefused() {
        List<Manifest> broken = edit(
                "Deployment",
                "provider-csc",
                m -> ((ObjectNode) container(m).path("env").get(0)).put("name", "SIGNING_CSC_CLIENT_SECERT"));
        List<Manifest> relaxed = edit(
                "Deployment",
                "container-service",
                m -> ((ObjectNode) container(m).path("env").get(0)).put("name", "SIGNING_CONTAINER_MAXCONTAINERSIZE"));

        assertThat(WorkloadChecks.deployments(broken))
                .anySatisfy(v -> assertThat(v)
                        .contains("SIGNING_CSC_CLIENT_SECERT binds to no configuration property of provider-csc"));
        // A real property by relaxed binding passes (the first variable it replaced was SERVER_PORT).
        assertThat(WorkloadChecks.deployments(relaxed)).noneMatch(v -> v.contains("MAXCONTAINERSIZE"));
    }

    @Test
    void anImageOfNoModuleOrAProbeOfNoEndpointIsRefused() {
        List<Manifest> image = edit(
                "Deployment",
                "hash-service",
                m -> container(m).put("image", "ghcr.io/signing-suite/hasher:0.1.0-SNAPSHOT"));
        List<Manifest> probe = edit(
                "Deployment",
                "gateway",
                m -> ((ObjectNode) container(m).path("readinessProbe").path("httpGet"))
                        .put("path", "/actuator/health"));

        assertThat(WorkloadChecks.deployments(image))
                .anySatisfy(v -> assertThat(v).contains("names no service module"));
        assertThat(WorkloadChecks.deployments(probe))
                .singleElement()
                .asString()
                .contains("readinessProbe must ask /actuator/health/readiness");
    }

    @Test
    void aServiceLoggingInAsAnotherKafkaUserOrUnscrapedIsRefused() {
        List<Manifest> login = edit("Deployment", "hash-service", m -> {
            for (JsonNode env : container(m).path("env")) {
                if (env.path("name").asText().endsWith("SASL_JAAS_CONFIG")) {
                    ((ObjectNode) env.path("valueFrom").path("secretKeyRef")).put("name", "gateway");
                }
            }
        });
        List<Manifest> unscraped = edit(
                "Deployment",
                "provider-smartid",
                m -> ((ObjectNode)
                                m.path("spec").path("template").path("metadata").path("labels"))
                        .remove("app.kubernetes.io/part-of"));

        assertThat(WorkloadChecks.deployments(login))
                .singleElement()
                .asString()
                .contains("must log in to Kafka as KafkaUser hash-service");
        assertThat(WorkloadChecks.monitoring(unscraped))
                .singleElement()
                .asString()
                .contains("Deployment/provider-smartid: no PodMonitor scrapes");
    }

    @Test
    void aProviderMaximumNotDerivedFromItsRateLimitIsRefused() {
        List<Manifest> broken = edit("ScaledObject", "provider-csc", m -> spec(m).put("maxReplicaCount", 12));

        assertThat(WorkloadChecks.scaling(broken)).singleElement().asString().contains("floor(50 / 10) = 5");
    }

    @Test
    void aComposeFileMissingATopicOrWithAnEnvironmentTypoIsRefused() {
        ObjectNode compose = (ObjectNode) ManifestFiles.compose();
        ObjectNode services = (ObjectNode) compose.path("services");
        ArrayNode command = (ArrayNode) services.path("kafka-topics").path("command");
        command.set(0, command.get(0).asText().replaceAll("(?m)^\\s*create signing.intake.v1 .*$", ""));
        ((ObjectNode) services.path("augmentation-service").path("environment")).put("SIGNING_TSA_ULR", "http://tsa");

        assertThat(ComposeChecks.all(compose))
                .containsExactlyInAnyOrder(
                        "compose kafka-topics does not create signing.intake.v1",
                        "compose augmentation-service: SIGNING_TSA_ULR binds to no configuration property of augmentation-service");
    }

    @Test
    void aComposeBackOfficeDoorLeftOpenIsRefused() {
        ObjectNode compose = (ObjectNode) ManifestFiles.compose();
        ObjectNode services = (ObjectNode) compose.path("services");
        ObjectNode kafka = (ObjectNode) services.path("kafka-2");
        ((ObjectNode) kafka.path("environment")).put("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "true");
        ((ArrayNode) kafka.path("ports")).add("9092:9092");
        ArrayNode command = (ArrayNode) services.path("kafka-topics").path("command");
        command.set(
                0,
                command.get(0)
                        .asText()
                        .replace("--topic \"signing.outcomes.v1.$$1\"", "--topic signing.outcomes.v1")
                        .replaceAll("(?m)^\\s*create signing.outcomes.v1.demo .*$", ""));

        assertThat(ComposeChecks.all(compose))
                .containsExactlyInAnyOrder(
                        "compose kafka-2: KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND must be false but is true",
                        "compose kafka-2: publishes 9092:9092, which is not the BACKOFFICE listener",
                        "compose kafka-topics: ACL `--operation Read --operation Describe --topic"
                                + " signing.outcomes.v1` names signing.outcomes.v1, not a resource of the tenant"
                                + " being provisioned ($$1)",
                        "compose kafka-topics does not create signing.outcomes.v1.demo");
    }

    private List<Manifest> edit(String kind, String name, Consumer<ObjectNode> change) {
        List<Manifest> copy = new ArrayList<>();
        boolean found = false;
        for (Manifest manifest : base) {
            if (manifest.kind().equals(kind) && manifest.name().equals(name)) {
                Manifest edited = manifest.copy();
                change.accept(edited.object());
                copy.add(edited);
                found = true;
            } else {
                copy.add(manifest);
            }
        }
        assertThat(found).as(kind + "/" + name).isTrue();
        return copy;
    }

    private static ObjectNode spec(ObjectNode manifest) {
        return (ObjectNode) manifest.path("spec");
    }

    private static ObjectNode container(ObjectNode deployment) {
        return (ObjectNode) deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }

    private static ArrayNode acls(ObjectNode user) {
        return (ArrayNode) user.path("spec").path("authorization").path("acls");
    }

    private static JsonNode resource(String topic) {
        ObjectNode resource = ManifestFiles.JSON.createObjectNode();
        resource.put("type", "topic").put("name", topic).put("patternType", "literal");
        return resource;
    }
}
