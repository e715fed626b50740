package dev.signingsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes against the models and the code. Each check's refusals: BrokenManifestsAreRefusedTest. */
class KubernetesManifestsTest {

    private final List<Manifest> base = ManifestFiles.base();

    @Test
    void everyManifestParsesIntoItsModelWithNoUnknownField() {
        List<Manifest> all = ManifestFiles.under(ManifestFiles.KUBERNETES.resolve("overlays"));
        all.addAll(base);

        assertThat(WorkloadChecks.strict(all)).isEmpty();
        assertThat(all)
                .extracting(Manifest::kind)
                .contains(
                        "Kafka",
                        "KafkaNodePool",
                        "KafkaTopic",
                        "KafkaUser",
                        "Deployment",
                        "PodDisruptionBudget",
                        "Service",
                        "ScaledObject",
                        "TriggerAuthentication",
                        "PodMonitor");
    }

    @Test
    void everyFileIsListedInItsKustomization() {
        List<String> out = new ArrayList<>(Kustomizations.everyFileListed(ManifestFiles.BASE));
        out.addAll(Kustomizations.everyFileListed(ManifestFiles.OVERLAYS.resolve("sandbox")));
        out.addAll(Kustomizations.everyFileListed(ManifestFiles.OVERLAYS.resolve("production")));

        assertThat(out).isEmpty();
    }

    @Test
    void everyTopicOfTheRegistryAndEveryDeadLetterTopicIsAKafkaTopicWithItsPartitionsAndRetention() {
        assertThat(KafkaChecks.topics(base)).isEmpty();
        assertThat(KafkaChecks.ofKind(base, "KafkaTopic"))
                .hasSize(Topics.defaults().all().size()
                        + ServiceConfig.deadLetterTopics().size());
    }

    @Test
    void eachServiceMayWriteOnlyWhatItOwnsAndReadOnlyWhatItConsumes() {
        assertThat(KafkaChecks.acls(base)).isEmpty();
        // The derivation itself, on one service: hash-service reads document-received and writes the
        // three provider topics, document-failed and its dead-letter topic.
        assertThat(KafkaChecks.expectedGrants(ServiceConfig.of("hash-service")))
                .contains(
                        "Read topic:signing.document-received.v1",
                        "Write topic:signing.hash-computed.csc.v1",
                        "Write topic:error.signing.document-received.v1.hash-service",
                        "Read group:hash-service")
                .doesNotContain("Write topic:signing.document-received.v1");
    }

    @Test
    void deploymentsRunTheServicesImagesWithPropertiesTheyBindAndProbesTheyServe() {
        assertThat(WorkloadChecks.deployments(base)).isEmpty();
    }

    @Test
    void prometheusScrapesEveryService() {
        assertThat(WorkloadChecks.monitoring(base)).isEmpty();
    }

    @Test
    void eachConsumingServiceScalesOnItsLagAndProvidersStayUnderTheirRateLimit() {
        assertThat(WorkloadChecks.scaling(base)).isEmpty();
    }

    @Test
    void theOverlaysProvideEveryConfigMapKeyAndTheSandboxEverySecretTheDeploymentsName() {
        List<Manifest> sandbox = new ArrayList<>(base);
        sandbox.addAll(ManifestFiles.under(ManifestFiles.OVERLAYS.resolve("sandbox")));
        List<Manifest> production = new ArrayList<>(base);
        production.addAll(ManifestFiles.under(ManifestFiles.OVERLAYS.resolve("production")));

        assertThat(References.resolved(sandbox, true)).isEmpty();
        assertThat(References.resolved(production, false)).isEmpty();
    }

    @Test
    void servicesAndKedaConnectToTheClustersScramTlsListener() {
        Kafka kafka = StrimziCluster.kafka(base);
        GenericKafkaListener listener =
                kafka.getSpec().getKafka().getListeners().get(0);
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort();

        assertThat(listener.isTls()).isTrue();
        assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
        assertThat(KafkaChecks.ofKind(base, "KafkaUser"))
                .allSatisfy(user -> assertThat(
                                user.node().at("/spec/authentication/type").asText())
                        .isEqualTo("scram-sha-512"));
        for (Manifest deployment : KafkaChecks.ofKind(base, "Deployment")) {
            assertThat(StrimziCluster.env(deployment, "SIGNING_KAFKA_BROKERS"))
                    .as(deployment.where())
                    .isEqualTo(bootstrap);
            assertThat(StrimziCluster.env(deployment, "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_MECHANISM"))
                    .isEqualTo("SCRAM-SHA-512");
            assertThat(StrimziCluster.env(
                            deployment, "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL"))
                    .isEqualTo("SASL_SSL");
        }
        assertThat(KafkaChecks.ofKind(base, "ScaledObject"))
                .allSatisfy(so -> assertThat(so.node()
                                .at("/spec/triggers/0/metadata/bootstrapServers")
                                .asText())
                        .isEqualTo(bootstrap));
    }

    @Test
    void theClusterHasThreeControllersAndThreeBrokersInKraftMode() {
        Kafka kafka = StrimziCluster.kafka(base);
        List<KafkaNodePool> pools = KafkaChecks.ofKind(base, "KafkaNodePool").stream()
                .map(m -> StrictModels.parse(m, KafkaNodePool.class))
                .toList();

        assertThat(kafka.getSpec().getZookeeper()).isNull();
        assertThat(kafka.getSpec().getKafka().getConfig())
                .containsEntry("default.replication.factor", 3)
                .containsEntry("min.insync.replicas", 2);
        assertThat(pools.stream()
                        .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                        .mapToInt(p -> p.getSpec().getReplicas())
                        .sum())
                .isEqualTo(3);
        assertThat(pools.stream()
                        .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                        .mapToInt(p -> p.getSpec().getReplicas())
                        .sum())
                .isEqualTo(3);
    }
}
