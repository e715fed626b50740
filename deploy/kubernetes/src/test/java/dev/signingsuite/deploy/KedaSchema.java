package dev.signingsuite.deploy;

import static dev.signingsuite.deploy.Schema.items;
import static dev.signingsuite.deploy.Schema.obj;
import static dev.signingsuite.deploy.Schema.oneOf;
import static dev.signingsuite.deploy.Schema.scalar;
import static dev.signingsuite.deploy.Schema.stringMap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KEDA's ScaledObject and TriggerAuthentication (keda.sh/v1alpha1), as documented in KEDA 2.18's
 * "ScaledObject specification" and "Apache Kafka" scaler pages. Only the kafka trigger is allowed
 * (the suite scales on consumer lag), and TriggerAuthentication only with the references we use
 * (secretTargetRef, configMapTargetRef, env): anything else would need checking here first.
 */
final class KedaSchema {

    static final String API_VERSION = "keda.sh/v1alpha1";

    /** The kafka trigger's metadata parameters. */
    static final Set<String> KAFKA_METADATA = Set.of(
            "bootstrapServers",
            "consumerGroup",
            "topic",
            "lagThreshold",
            "activationLagThreshold",
            "offsetResetPolicy",
            "allowIdleConsumers",
            "scaleToZeroOnInvalidOffset",
            "excludePersistentLag",
            "limitToPartitionsWithLag",
            "ensureEvenDistributionOfPartitions",
            "version",
            "partitionLimitation",
            "sasl",
            "saslTokenProvider",
            "tls",
            "unsafeSsl",
            "awsRegion");

    /** The kafka scaler's authentication parameters (TriggerAuthentication). */
    static final Set<String> KAFKA_AUTH_PARAMETERS = Set.of(
            "sasl",
            "saslTokenProvider",
            "username",
            "password",
            "keytab",
            "realm",
            "kerberosConfig",
            "kerberosServiceName",
            "kerberosDisableFAST",
            "oauthTokenEndpointUri",
            "scopes",
            "oauthExtensions",
            "tls",
            "ca",
            "cert",
            "key",
            "keyPassword",
            "awsRegion",
            "awsAccessKeyID",
            "awsSecretAccessKey",
            "awsRoleArn");

    private static final Schema METADATA =
            obj(Map.of("name", scalar(), "namespace", scalar(), "labels", stringMap(), "annotations", stringMap()));

    private static final Schema HPA_BEHAVIOR_RULES = obj(Map.of(
            "stabilizationWindowSeconds", scalar(),
            "selectPolicy", oneOf("Max", "Min", "Disabled"),
            "tolerance", scalar(),
            "policies",
                    items(obj(
                            Map.of("type", oneOf("Pods", "Percent"), "value", scalar(), "periodSeconds", scalar())))));

    static final Schema SCALED_OBJECT = obj(Map.of(
            "apiVersion", oneOf(API_VERSION),
            "kind", oneOf("ScaledObject"),
            "metadata", METADATA,
            "spec",
                    obj(Map.ofEntries(
                            Map.entry(
                                    "scaleTargetRef",
                                    obj(Map.of(
                                            "apiVersion",
                                            scalar(),
                                            "kind",
                                            scalar(),
                                            "name",
                                            scalar(),
                                            "envSourceContainerName",
                                            scalar()))),
                            Map.entry("pollingInterval", scalar()),
                            Map.entry("cooldownPeriod", scalar()),
                            Map.entry("initialCooldownPeriod", scalar()),
                            Map.entry("idleReplicaCount", scalar()),
                            Map.entry("minReplicaCount", scalar()),
                            Map.entry("maxReplicaCount", scalar()),
                            Map.entry(
                                    "fallback",
                                    obj(Map.of(
                                            "failureThreshold", scalar(),
                                            "replicas", scalar(),
                                            "behavior",
                                                    oneOf(
                                                            "static",
                                                            "currentReplicas",
                                                            "currentReplicasIfHigher",
                                                            "currentReplicasIfLower")))),
                            Map.entry(
                                    "advanced",
                                    obj(Map.of(
                                            "restoreToOriginalReplicaCount", scalar(),
                                            "horizontalPodAutoscalerConfig",
                                                    obj(Map.of(
                                                            "name", scalar(),
                                                            "behavior",
                                                                    obj(Map.of(
                                                                            "scaleUp",
                                                                            HPA_BEHAVIOR_RULES,
                                                                            "scaleDown",
                                                                            HPA_BEHAVIOR_RULES)))),
                                            "scalingModifiers",
                                                    obj(Map.of(
                                                            "formula",
                                                            scalar(),
                                                            "target",
                                                            scalar(),
                                                            "activationTarget",
                                                            scalar(),
                                                            "metricType",
                                                            oneOf("AverageValue", "Value")))))),
                            Map.entry(
                                    "triggers",
                                    items(obj(Map.of(
                                            "type", oneOf("kafka"),
                                            "name", scalar(),
                                            "metadata", stringMap(),
                                            "authenticationRef",
                                                    obj(Map.of(
                                                            "name",
                                                            scalar(),
                                                            "kind",
                                                            oneOf(
                                                                    "TriggerAuthentication",
                                                                    "ClusterTriggerAuthentication"))),
                                            "metricType", oneOf("AverageValue", "Value"),
                                            "useCachedMetrics", scalar()))))))));

    static final Schema TRIGGER_AUTHENTICATION = obj(Map.of(
            "apiVersion", oneOf(API_VERSION),
            "kind", oneOf("TriggerAuthentication"),
            "metadata", METADATA,
            "spec",
                    obj(Map.of(
                            "secretTargetRef",
                                    items(obj(Map.of(
                                            "parameter",
                                            oneOf(KAFKA_AUTH_PARAMETERS.toArray(String[]::new)),
                                            "name",
                                            scalar(),
                                            "key",
                                            scalar()))),
                            "configMapTargetRef",
                                    items(obj(Map.of(
                                            "parameter",
                                            oneOf(KAFKA_AUTH_PARAMETERS.toArray(String[]::new)),
                                            "name",
                                            scalar(),
                                            "key",
                                            scalar()))),
                            "env",
                                    items(obj(Map.of(
                                            "parameter",
                                            oneOf(KAFKA_AUTH_PARAMETERS.toArray(String[]::new)),
                                            "name",
                                            scalar(),
                                            "containerName",
                                            scalar())))))));

    private KedaSchema() {}

    static boolean isKeda(Manifest manifest) {
        return manifest.apiVersion().equals(API_VERSION);
    }

    static List<String> violations(Manifest manifest) {
        List<String> out = new ArrayList<>();
        switch (manifest.kind()) {
            case "ScaledObject" -> {
                Schema.check(SCALED_OBJECT, manifest.node(), manifest.where(), out);
                for (JsonNode trigger : manifest.node().path("spec").path("triggers")) {
                    trigger.path("metadata").fieldNames().forEachRemaining(name -> {
                        if (!KAFKA_METADATA.contains(name)) {
                            out.add(manifest.where() + ": unknown kafka trigger parameter '" + name + "'");
                        }
                    });
                }
            }
            case "TriggerAuthentication" ->
                Schema.check(TRIGGER_AUTHENTICATION, manifest.node(), manifest.where(), out);
            default -> out.add(manifest.where() + ": no KEDA schema for " + manifest.kind());
        }
        return out;
    }
}
