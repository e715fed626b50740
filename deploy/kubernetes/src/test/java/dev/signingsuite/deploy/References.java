package dev.signingsuite.deploy;

import static dev.signingsuite.deploy.KafkaChecks.ofKind;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ConfigMap and Secret keys the Deployments and TriggerAuthentications name exist in an overlay,
 * or are written by Strimzi (one Secret per KafkaUser, the cluster CA).
 */
final class References {

    static final String CLUSTER_CA = "signing-cluster-ca-cert";

    private References() {}

    /**
     * @param withSecrets whether the overlay carries the Secrets (the sandbox) or leaves them to the
     *     operator (production, checked for ConfigMaps only)
     */
    static List<String> resolved(List<Manifest> overlay, boolean withSecrets) {
        Set<String> provided = new HashSet<>();
        for (Manifest m : overlay) {
            if (m.kind().equals("ConfigMap") || m.kind().equals("Secret")) {
                String kind = m.kind().equals("ConfigMap") ? "configMap" : "secret";
                m.node()
                        .path("data")
                        .fieldNames()
                        .forEachRemaining(key -> provided.add(kind + ":" + m.name() + "/" + key));
                m.node()
                        .path("stringData")
                        .fieldNames()
                        .forEachRemaining(key -> provided.add(kind + ":" + m.name() + "/" + key));
            }
        }
        for (Manifest user : ofKind(overlay, "KafkaUser")) {
            provided.add("secret:" + user.name() + "/password");
            provided.add("secret:" + user.name() + "/sasl.jaas.config");
        }
        provided.add("secret:" + CLUSTER_CA + "/ca.crt");
        List<String> out = new ArrayList<>();
        List<Manifest> workloads = new ArrayList<>(ofKind(overlay, "Deployment"));
        workloads.addAll(ofKind(overlay, "Job"));
        for (Manifest deployment : workloads) {
            JsonNode pod = deployment.node().path("spec").path("template").path("spec");
            for (JsonNode env : pod.path("containers").get(0).path("env")) {
                JsonNode from = env.path("valueFrom");
                check(deployment, from.path("configMapKeyRef"), "configMap", true, provided, out);
                check(deployment, from.path("secretKeyRef"), "secret", withSecrets, provided, out);
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("configMap")
                        && provided.stream()
                                .noneMatch(p -> p.startsWith("configMap:"
                                        + volume.path("configMap").path("name").asText() + "/"))) {
                    out.add(deployment.where() + ": no ConfigMap "
                            + volume.path("configMap").path("name").asText());
                }
                String secret = volume.path("secret").path("secretName").asText(null);
                if (withSecrets
                        && secret != null
                        && provided.stream().noneMatch(p -> p.startsWith("secret:" + secret + "/"))) {
                    out.add(deployment.where() + ": no Secret " + secret);
                }
            }
        }
        for (Manifest auth : ofKind(overlay, "TriggerAuthentication")) {
            for (JsonNode ref : auth.node().path("spec").path("secretTargetRef")) {
                check(auth, ref, "secret", true, provided, out);
            }
        }
        return out;
    }

    private static void check(
            Manifest where, JsonNode ref, String kind, boolean enabled, Set<String> provided, List<String> out) {
        if (ref.isMissingNode() || !enabled || ref.path("optional").asBoolean(false)) {
            return;
        }
        String key =
                kind + ":" + ref.path("name").asText() + "/" + ref.path("key").asText();
        if (!provided.contains(key)) {
            out.add(where.where() + ": nothing provides " + key);
        }
    }
}
