package dev.signingsuite.events;

import java.time.Duration;

/**
 * A typed Kafka topic: its name, the payload it carries and the one service that writes it.
 *
 * @param name the full topic name, e.g. {@code signing.document-received.v1}
 * @param payloadType the record every message on the topic holds
 * @param writer the service that writes the topic ({@code any stage} for failures)
 * @param partitions how many partitions a cluster creates it with: the most consumer instances of
 *     one group that can share its work (deploy/kubernetes and deploy/compose create it so)
 * @param retention how long a cluster keeps its records ({@code retention.ms})
 * @param compacted whether the cluster also compacts it ({@code cleanup.policy=compact,delete}): the
 *     latest record per key is the state, e.g. a ledger
 * @param <T> the payload type
 */
public record Topic<T>(
        String name, Class<T> payloadType, String writer, int partitions, Duration retention, boolean compacted) {

    /** A topic that is only deleted by age. */
    public Topic(String name, Class<T> payloadType, String writer, int partitions, Duration retention) {
        this(name, payloadType, writer, partitions, retention, false);
    }

    public Topic {
        Checks.notBlank(name, "name");
        Checks.notNull(payloadType, "payloadType");
        Checks.notBlank(writer, "writer");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 but was " + partitions);
        }
        Checks.notNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive but was " + retention);
        }
    }
}
