package dev.signingsuite.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses manifests into the fabric8 Kubernetes and Strimzi models, strictly. The models keep a field
 * they do not know in {@code additionalProperties} instead of failing, so after parsing the whole
 * object graph is walked and every such kept field is a violation.
 */
final class StrictModels {

    /** apiVersion/kind to the model class; KEDA and Kustomize have no Java model (KedaSchema). */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StrictModels() {}

    static boolean hasModel(Manifest manifest) {
        return MODELS.containsKey(manifest.apiVersion() + "/" + manifest.kind());
    }

    /** The manifest as its model object; fails on a field the model does not know. */
    static <T> T parse(Manifest manifest, Class<T> type) {
        List<String> violations = new ArrayList<>();
        T parsed = parse(manifest, type, violations);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", violations));
        }
        return parsed;
    }

    /** Every violation of a manifest that has a model: not parseable, or fields the model kept aside. */
    static List<String> violations(Manifest manifest) {
        Class<?> type = MODELS.get(manifest.apiVersion() + "/" + manifest.kind());
        if (type == null) {
            return List.of(manifest.where() + ": no model for " + manifest.apiVersion() + " " + manifest.kind());
        }
        List<String> violations = new ArrayList<>();
        parse(manifest, type, violations);
        return violations;
    }

    private static <T> T parse(Manifest manifest, Class<T> type, List<String> violations) {
        T parsed;
        try {
            parsed = MAPPER.treeToValue(manifest.node(), type);
        } catch (Exception e) {
            violations.add(manifest.where() + ": " + e.getMessage());
            return null;
        }
        walk(parsed, "", violations, manifest, Collections.newSetFromMap(new IdentityHashMap<>()));
        return parsed;
    }

    private static void walk(Object value, String path, List<String> violations, Manifest manifest, Set<Object> seen) {
        if (value == null || isLeaf(value) || !seen.add(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, violations, manifest, seen));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", violations, manifest, seen);
            }
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> kept) {
                    if (!kept.isEmpty()) {
                        violations.add(manifest.where() + ": unknown field(s) " + kept.keySet() + " at "
                                + (path.isEmpty() ? "the top" : path.substring(1)));
                    }
                } else {
                    walk(fieldValue, path + "." + field.getName(), violations, manifest, seen);
                }
            }
        }
    }

    private static boolean isLeaf(Object value) {
        return value instanceof CharSequence
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum<?>
                || value.getClass().isPrimitive();
    }
}
