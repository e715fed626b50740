package dev.signingsuite.standalone;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A back office's plain producer (no CloudEvents headers), authenticated on the tenants' listener. */
final class TenantProducers {

    private TenantProducers() {}

    static KafkaProducer<byte[], byte[]> of(String bootstrap, String user, String password) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        30_000,
                        "security.protocol",
                        "SASL_PLAINTEXT",
                        "sasl.mechanism",
                        TenantIntakes.MECHANISM.mechanismName(),
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                                + "\" password=\"" + password + "\";"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
