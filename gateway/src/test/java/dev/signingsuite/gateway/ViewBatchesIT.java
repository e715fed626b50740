package dev.signingsuite.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.Topics;
import dev.signingsuite.events.kafka.EventSerializer;
import dev.signingsuite.testsupport.SampleEvents;
import dev.signingsuite.testsupport.TopicRecorder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The views (status store, audit trail) take a poll at a time. Records written in one producer
 * transaction become visible together, so each view group reads them in one poll: the readable
 * ones are all applied, each bad one is alone in the group's dead-letter topic with its cause, and a
 * record delivered twice adds nothing. A database that refuses a poll gets it three times, then the
 * poll's records are dead-lettered with the database's error, never dropped.
 */
class ViewBatchesIT extends RunningGateway {

    private static final String RECEIVED = TOPICS.documentReceived().name();
    private static final List<String> GROUPS = List.of(STATUS_GROUP, "gateway-audit");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBadRecordGoesToTheDeadLetterTopicAloneAndTheRestOfItsPollIsApplied() throws Exception {
        List<String> ids = List.of(id(), id(), id());
        String contradicted = id();
        ProducerRecord<String, byte[]> lying = event(SampleEvents.received(contradicted, Provider.CSC));
        lying.headers().remove(CloudEventHeaders.SUBJECT);
        lying.headers().add(CloudEventHeaders.SUBJECT, ids.get(0).getBytes(UTF_8));
        ProducerRecord<String, byte[]> garbage =
                new ProducerRecord<>(RECEIVED, 0, "garbage", "{not json".getBytes(UTF_8));
        List<ProducerRecord<String, byte[]>> poll = new ArrayList<>();
        poll.add(event(SampleEvents.received(ids.get(0), Provider.CSC)));
        poll.add(event(SampleEvents.received(ids.get(1), Provider.CSC)));
        poll.add(lying);
        poll.add(event(SampleEvents.received(ids.get(2), Provider.CSC)));
        poll.add(garbage);
        // the first document's event again, as a redelivery brings it: same event id
        poll.add(copy(poll.get(0)));

        try (TopicRecorder deadLetters = TopicRecorder.open(broker.getBrokersAsString(), deadLetterTopics())) {
            sendInOneTransaction(poll);

            for (String group : GROUPS) {
                String topic = Topics.deadLetter(RECEIVED, group);
                ConsumerRecord<String, byte[]> refused =
                        deadLetters.await(topic, r -> contradicted.equals(r.key()), WAIT);
                assertThat(header(refused, KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE))
                        .contains(CloudEventHeaders.SUBJECT, contradicted);
                assertThat(header(refused, CloudEventHeaders.SUBJECT))
                        .as("the record's own headers travel with it")
                        .isEqualTo(ids.get(0));
                assertThat(refused.value()).isEqualTo(lying.value());
                assertThat(header(refused, KafkaMessageChannelBinder.X_ORIGINAL_TOPIC))
                        .isEqualTo(RECEIVED);
                ConsumerRecord<String, byte[]> unreadable =
                        deadLetters.await(topic, r -> "garbage".equals(r.key()), WAIT);
                assertThat(unreadable.value()).isEqualTo(garbage.value());
                assertThat(unreadable.headers().lastHeader(KafkaMessageChannelBinder.X_EXCEPTION_FQCN))
                        .isNotNull();
                assertThat(ByteBuffer.wrap(unreadable
                                        .headers()
                                        .lastHeader(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET)
                                        .value())
                                .getLong())
                        .isEqualTo(ByteBuffer.wrap(refused.headers()
                                                .lastHeader(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET)
                                                .value())
                                        .getLong()
                                + 2);
                assertThat(deadLetters.seen(topic)).hasSize(2);
            }
        }
        for (String id : ids) {
            awaitStatus(id, "RECEIVED");
            JsonNode trail = get("/v1/documents/" + id + "/audit", DEMO_KEY, 200);
            assertThat(trail.get("entries")).hasSize(1);
            assertThat(trail.get("entries").get(0).get("eventType").asString()).isEqualTo("document-received");
        }
        assertThat(get("/v1/documents/" + contradicted, DEMO_KEY, 404)
                        .get("status")
                        .asInt())
                .isEqualTo(404);
    }

    @Test
    void aPollTheDatabaseRefusesIsDeadLetteredWithTheCauseNotDropped() throws Exception {
        String refused = id();
        String beside = id();
        // The audit trail refuses one document's entries, as a broken database would.
        jdbc.sql("CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN IF NEW.document_id = '" + refused + "' THEN"
                        + " RAISE EXCEPTION 'audit storage unavailable'; END IF; RETURN NEW; END $$")
                .update();
        jdbc.sql(
                        "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_trail FOR EACH ROW EXECUTE FUNCTION refuse_audit()")
                .update();
        try (TopicRecorder deadLetters = TopicRecorder.open(broker.getBrokersAsString(), deadLetterTopics())) {
            sendInOneTransaction(List.of(
                    event(SampleEvents.received(beside, Provider.CSC)),
                    event(SampleEvents.received(refused, Provider.CSC))));

            String topic = Topics.deadLetter(RECEIVED, "gateway-audit");
            for (String id : List.of(refused, beside)) {
                ConsumerRecord<String, byte[]> letter = deadLetters.await(topic, r -> id.equals(r.key()), WAIT);
                assertThat(header(letter, KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE))
                        .contains("audit storage unavailable");
            }
            // The status store's group read the same poll and wrote it.
            awaitStatus(refused, "RECEIVED");
            awaitStatus(beside, "RECEIVED");
            assertThat(deadLetters.seen(Topics.deadLetter(RECEIVED, STATUS_GROUP)))
                    .isEmpty();
        } finally {
            jdbc.sql("DROP TRIGGER refuse_audit ON audit_trail").update();
        }
        assertThat(get("/v1/documents/" + beside + "/audit", DEMO_KEY, 200).get("entries"))
                .as("one transaction per poll: nothing of the refused poll was kept")
                .isEmpty();
    }

    private void sendInOneTransaction(List<ProducerRecord<String, byte[]>> records) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "view-batches-it-" + UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.commitTransaction();
        }
    }

    /** The event as the suite's serde writes it, on partition 0 so that one poll holds them all. */
    private static ProducerRecord<String, byte[]> event(DocumentReceived received) {
        Headers headers = new RecordHeaders();
        try (EventSerializer serializer = new EventSerializer()) {
            byte[] value = serializer.serialize(RECEIVED, headers, received);
            return new ProducerRecord<>(RECEIVED, 0, received.documentId(), value, headers);
        }
    }

    private static ProducerRecord<String, byte[]> copy(ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(
                record.topic(),
                record.partition(),
                record.key(),
                record.value(),
                new RecordHeaders(record.headers().toArray()));
    }

    private static List<String> deadLetterTopics() {
        return GROUPS.stream().map(g -> Topics.deadLetter(RECEIVED, g)).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return TopicRecorder.header(record, name).orElseThrow(() -> new AssertionError("no header " + name));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
