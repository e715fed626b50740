package dev.signingsuite.standalone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Thread names as a bench run showed them (see {@code bench --verbose}), and the stage each counts for. */
class ThreadGroupsTest {

    @Test
    void aBinderConsumerCountsForTheServiceWhoseGroupItIsNotForItsTopic() {
        // The gateway's status and audit views read every stage's topic.
        assertThat(
                        ThreadGroups.groupOf(
                                "KafkaConsumerDestination{consumerDestinationName='signing.document-received.v1',"
                                        + " partitions=6, dlqName='error.signing.document-received.v1.gateway-status'}.container-0-C-1"))
                .isEqualTo("gateway");
        assertThat(
                        ThreadGroups.groupOf(
                                "KafkaConsumerDestination{consumerDestinationName='signing.document-received.v1',"
                                        + " partitions=6, dlqName='error.signing.document-received.v1.hash-service'}.container-0-C-1"))
                .isEqualTo("hash");
        assertThat(ThreadGroups.groupOf(
                        "KafkaConsumerDestination{consumerDestinationName='signing.hash-computed.eparaksts.v1',"
                                + " partitions=6, dlqName='error.signing.hash-computed.eparaksts.v1.provider-eparaksts'}"
                                + ".container-0-C-1"))
                .isEqualTo("provider");
        assertThat(ThreadGroups.groupOf(
                        "KafkaConsumerDestination{consumerDestinationName='signing.signature-augmented.v1',"
                                + " partitions=6, dlqName='error.signing.signature-augmented.v1.container-service'}"
                                + ".container-0-C-1"))
                .isEqualTo("container");
    }

    @Test
    void aConsumerWithoutDeadLettersCountsForTheStageThatReadsItsTopic() {
        // The Smart-ID poller reads every provider's SignatureRequested.
        assertThat(ThreadGroups.groupOf(
                        "KafkaConsumerDestination{consumerDestinationName='signing.signature-requested.v1',"
                                + " partitions=6, dlqName='null'}.container-0-C-1"))
                .isEqualTo("provider");
    }

    @Test
    void producersAndHeartbeatsCountForTheServiceTheirClientIdNames() {
        assertThat(ThreadGroups.groupOf("kafka-producer-network-thread | producer-augmentation-service-7f3a-2"))
                .isEqualTo("augmentation");
        assertThat(ThreadGroups.groupOf("kafka-producer-network-thread | producer-gateway-00637a44-3"))
                .isEqualTo("gateway");
        assertThat(ThreadGroups.groupOf("kafka-coordinator-heartbeat-thread | provider-csc"))
                .isEqualTo("provider");
    }

    @Test
    void theBrokersThreadsTheSandboxAndTheBenchItselfAreToldApart() {
        assertThat(ThreadGroups.groupOf("data-plane-kafka-request-handler-3")).isEqualTo("broker");
        assertThat(ThreadGroups.groupOf("TxnMarkerSenderThread-1")).isEqualTo("broker");
        assertThat(ThreadGroups.groupOf("AddPartitionsToTxnSenderThread-1")).isEqualTo("broker");
        assertThat(ThreadGroups.groupOf("kafka-1-raft-io-thread")).isEqualTo("broker");
        assertThat(ThreadGroups.groupOf("sandbox-http-4")).isEqualTo("sandbox");
        assertThat(ThreadGroups.groupOf("HTTP-Dispatcher")).isEqualTo("sandbox");
        assertThat(ThreadGroups.groupOf("kafka-producer-network-thread | seal-intake-2"))
                .isEqualTo("bench");
        assertThat(ThreadGroups.groupOf(CpuMeter.SAMPLER_THREAD)).isEqualTo("bench");
        assertThat(ThreadGroups.groupOf("baseline-loop-7")).isEqualTo("baseline");
        assertThat(ThreadGroups.groupOf("micrometer-kafka-metrics")).isEqualTo("other");
    }

    @Test
    void theJvmsOwnThreadsAreToldByTheirKernelNames() {
        assertThat(JvmThreads.groupOf("GC Thread#1")).isEqualTo("gc");
        assertThat(JvmThreads.groupOf("G1 Conc#0")).isEqualTo("gc");
        assertThat(JvmThreads.groupOf("C2 CompilerThre")).isEqualTo("jit");
        assertThat(JvmThreads.groupOf("VM Thread")).isNull();
        assertThat(JvmThreads.groupOf("kafka-producer-")).isNull();
    }
}
