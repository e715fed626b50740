package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger on its compacted topic. A look-up first reads the topic up to the end offsets the
 * broker reports at that moment, so it sees every entry any instance wrote before (entries are
 * written with acks=all before the remote call). The whole topic is read once, at the first
 * look-up, and tailed from then on; an instance keeps one small entry per document of the topic's
 * retention in memory.
 */
final class KafkaSigningIntents implements SigningIntents, AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(KafkaSigningIntents.class);

    private final Topic<SigningIntent> topic;
    private final KafkaProducer<String, byte[]> producer;
    private final CompactedTopicReader reader;
    private final Map<String, SigningIntent> latest = new HashMap<>();

    KafkaSigningIntents(String brokers, Topic<SigningIntent> topic, String clientId) {
        this.topic = topic;
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-intents");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(producerConfig);
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-intents-reader");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Created compacted by create(), not as an ordinary topic by a metadata request.
        consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.reader = new CompactedTopicReader(new KafkaConsumer<>(consumerConfig), topic, brokers, WAIT);
    }

    @Override
    public synchronized Map<String, SigningIntent> latest(Collection<String> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        catchUp();
        Map<String, SigningIntent> found = new HashMap<>();
        for (String id : documentIds) {
            SigningIntent intent = latest.get(id);
            if (intent != null) {
                found.put(id, intent);
            }
        }
        return found;
    }

    @Override
    public void write(List<SigningIntent> intents) {
        if (intents.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (SigningIntent intent : intents) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(topic.name(), intent.documentId(), EventJson.write(intent));
            record.headers()
                    .add("ce_type", EventTypes.typeOf(SigningIntent.class).getBytes());
            sent.add(producer.send(record));
        }
        await(sent);
    }

    @Override
    public void withdraw(List<SigningIntent> intents) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (SigningIntent intent : intents) {
            sent.add(producer.send(new ProducerRecord<>(topic.name(), intent.documentId(), null)));
        }
        await(sent);
    }

    private static void await(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing signing intents", e);
        } catch (ExecutionException | TimeoutException e) {
            // Transient as far as we know: without the entry on the broker nothing may be signed.
            throw new IllegalStateException("signing intents not written: " + e.getMessage(), e);
        }
    }

    private void catchUp() {
        reader.readToEnd(record -> {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                latest.remove(record.key());
                return;
            }
            try {
                latest.put(record.key(), EventJson.read(record.value(), SigningIntent.class));
            } catch (RuntimeException e) {
                // Unreadable (a newer major, say): as if the document had no entry.
                latest.remove(record.key());
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        synchronized (this) {
            reader.close();
        }
    }
}
