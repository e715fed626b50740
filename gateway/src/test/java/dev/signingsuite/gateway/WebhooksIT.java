package dev.signingsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.BatchCompleted;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.gateway.WebhookReceiver.Received;
import dev.signingsuite.testsupport.KafkaTestClients;
import dev.signingsuite.testsupport.TopicRecorder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end at the gateway: a real HTTP receiver, a real broker and PostgreSQL, the
 * outcomes published on their topics as the stages write them. The gateway's clock is the test's,
 * so retries happen when the test moves it, not after real waits.
 */
class WebhooksIT extends WebhookGateway {

    @Test
    void aHundredDocumentBatchsOutcomesAndItsCompletionArriveSignedOnceEach() throws Exception {
        // The batch's documents recorded before any outcome, as a REST batch is (one transaction).
        String batchId = "batch-" + UUID.randomUUID();
        List<DocumentReceived> documents = IntStream.range(0, 100)
                .mapToObj(i -> received("doc-" + i + "-" + UUID.randomUUID(), "demo", batchId))
                .toList();
        List<String> ids = documents.stream().map(DocumentReceived::documentId).toList();
        Set<String> failedIds = Set.of(ids.get(3), ids.get(50), ids.get(99));
        String completedTopic = TOPICS.batchCompleted().name();

        try (TopicRecorder completions = TopicRecorder.open(broker.getBrokersAsString(), List.of(completedTopic));
                KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            awaitAllConsumed(sendAll(
                    producer,
                    documents.stream()
                            .map(d -> new ProducerRecord<String, Object>(
                                    TOPICS.documentReceived().name(), d.documentId(), d))
                            .toList()));
            BlobRef container =
                    new BlobRef("s3://containers/x.asice", 10, "application/vnd.etsi.asic-e+zip", "a".repeat(64));
            sendAll(
                    producer,
                    documents.stream()
                            .map(d -> failedIds.contains(d.documentId())
                                    ? new ProducerRecord<String, Object>(
                                            TOPICS.documentFailed().name(),
                                            d.documentId(),
                                            Lifecycle.failed(d, "refused"))
                                    : new ProducerRecord<String, Object>(
                                            TOPICS.containerAssembled().name(),
                                            d.documentId(),
                                            Lifecycle.assembled(d, container, "a.pdf.asice")))
                            .toList());

            List<Received> batch = Awaitility.await()
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> ofBatch(RECEIVER.at("/demo"), batchId), r -> r.size() >= 101);

            for (Received message : batch) {
                assertThat(WebhookReceiver.verifies(
                                DEMO_SECRET, message.id(), message.timestamp(), message.body(), message.signature()))
                        .as("signature of %s", message.id())
                        .isTrue();
                assertThat(message.answered()).isEqualTo(204);
            }
            assertThat(batch.stream().map(Received::id).distinct()).hasSize(101);
            Map<String, List<String>> byType = batch.stream()
                    .collect(Collectors.groupingBy(
                            m -> JSON.readTree(m.body()).get("type").asString(),
                            Collectors.mapping(m -> documentIdOf(m), Collectors.toList())));
            assertThat(byType.get("document.failed")).containsExactlyInAnyOrderElementsOf(failedIds);
            assertThat(byType.get("document.assembled"))
                    .hasSize(97)
                    .containsExactlyInAnyOrderElementsOf(
                            ids.stream().filter(id -> !failedIds.contains(id)).toList());
            assertThat(byType.get("batch.completed")).hasSize(1);
            JsonNode done = batch.stream()
                    .map(m -> JSON.readTree(m.body()))
                    .filter(b -> b.get("type").asString().equals("batch.completed"))
                    .findFirst()
                    .orElseThrow()
                    .get("data");
            assertThat(done.get("documents").asInt()).isEqualTo(100);
            assertThat(done.get("assembled").asInt()).isEqualTo(97);
            assertThat(done.get("failuresByReason").get("USER_REFUSED").asInt()).isEqualTo(3);

            ConsumerRecord<String, byte[]> onKafka = completions.await(
                    completedTopic, r -> BatchCompleted.keyOf("demo", batchId).equals(r.key()), WAIT);
            BatchCompleted event = EventJson.read(onKafka.value(), BatchCompleted.class);
            assertThat(event.documents()).isEqualTo(100);
            assertThat(event.assembled()).isEqualTo(97);
            assertThat(event.failed()).isEqualTo(3);
            assertThat(TopicRecorder.header(onKafka, "ce_id")).contains("batch-completed:demo/" + batchId);

            Received one = batch.stream()
                    .filter(m -> ids.get(0).equals(documentIdOf(m)))
                    .findFirst()
                    .orElseThrow();
            JsonNode status = get("/v1/documents/" + ids.get(0), DEMO_KEY, 200).get("webhook");
            assertThat(status.get("webhookId").asString()).isEqualTo(one.id());
            assertThat(status.get("state").asString()).isEqualTo("DELIVERED");
            assertThat(status.get("attempts").asInt()).isEqualTo(1);

            // The outcome redelivered adds no message and no second completion.
            awaitConsumed(publish(
                    TOPICS.containerAssembled().name(),
                    ids.get(0),
                    Lifecycle.assembled(documents.get(0), container, "a.pdf.asice")));
            assertThat(jdbc.sql("SELECT count(*) FROM webhook_messages WHERE batch_id = :b")
                            .param("b", batchId)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(101);
            assertThat(jdbc.sql(
                                    "SELECT count(*) FROM batch_completions WHERE batch_id = :b AND published_at IS NOT NULL")
                            .param("b", batchId)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThat(completions.seen(completedTopic).stream()
                            .filter(r -> r.key().endsWith("/" + batchId)))
                    .hasSize(1);
        }
    }

    /**
     * Issue 22's isolation: a tenant's endpoint never gets another tenant's outcomes, and what goes to
     * the other tenant verifies with its secret only.
     */
    @Test
    void aTenantsEndpointGetsNoneOfAnotherTenantsOutcomes() throws Exception {
        DocumentReceived theirs = received("theirs-" + UUID.randomUUID(), "other");
        DocumentReceived mine = received("mine-" + UUID.randomUUID(), "demo");
        BlobRef container =
                new BlobRef("s3://containers/y.asice", 10, "application/vnd.etsi.asic-e+zip", "c".repeat(64));
        try (KafkaProducer<String, Object> producer = KafkaTestClients.eventProducer(broker.getBrokersAsString())) {
            awaitAllConsumed(sendAll(
                    producer,
                    List.of(
                            new ProducerRecord<>(TOPICS.documentReceived().name(), theirs.documentId(), theirs),
                            new ProducerRecord<>(TOPICS.documentReceived().name(), mine.documentId(), mine))));
            sendAll(
                    producer,
                    List.of(
                            new ProducerRecord<>(
                                    TOPICS.containerAssembled().name(),
                                    theirs.documentId(),
                                    Lifecycle.assembled(theirs, container, "t.asice")),
                            new ProducerRecord<>(
                                    TOPICS.containerAssembled().name(),
                                    mine.documentId(),
                                    Lifecycle.assembled(mine, container, "m.asice"))));
        }
        // Both delivered (the other tenant's first attempt answered 500 by its flaky receiver).
        Received toThem = Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> RECEIVER.at("/flaky").stream()
                                .filter(m -> theirs.documentId().equals(documentIdOf(m)))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> RECEIVER.at("/demo").stream()
                        .anyMatch(m -> mine.documentId().equals(documentIdOf(m))));

        assertThat(RECEIVER.at("/demo")).noneMatch(m -> theirs.documentId().equals(documentIdOf(m)));
        assertThat(RECEIVER.at("/flaky")).noneMatch(m -> mine.documentId().equals(documentIdOf(m)));
        assertThat(WebhookReceiver.verifies(
                        OTHER_SECRET, toThem.id(), toThem.timestamp(), toThem.body(), toThem.signature()))
                .isTrue();
        assertThat(WebhookReceiver.verifies(
                        DEMO_SECRET, toThem.id(), toThem.timestamp(), toThem.body(), toThem.signature()))
                .isFalse();
    }

    @Test
    void aTamperedBodyAnotherSecretOrAnotherIdFailsVerification() throws Exception {
        String documentId = "tamper-" + UUID.randomUUID();
        DocumentReceived received = received(documentId, "demo");
        awaitConsumed(publish(TOPICS.documentReceived().name(), documentId, received));
        publish(TOPICS.documentFailed().name(), documentId, Lifecycle.failed(received, "refused"));
        Received message = Awaitility.await()
                .atMost(WAIT)
                .until(
                        () -> RECEIVER.at("/demo").stream()
                                .filter(m -> documentId.equals(documentIdOf(m)))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(WebhookReceiver.verifies(
                        DEMO_SECRET, message.id(), message.timestamp(), message.body(), message.signature()))
                .isTrue();

        String tampered = message.body().replace("USER_REFUSED", "TIMEOUT");
        assertThat(tampered).isNotEqualTo(message.body());
        assertThat(WebhookReceiver.verifies(
                        DEMO_SECRET, message.id(), message.timestamp(), tampered, message.signature()))
                .isFalse();
        assertThat(WebhookReceiver.verifies(
                        OTHER_SECRET, message.id(), message.timestamp(), message.body(), message.signature()))
                .isFalse();
        assertThat(WebhookReceiver.verifies(
                        DEMO_SECRET, message.id() + "x", message.timestamp(), message.body(), message.signature()))
                .isFalse();
        long later = Long.parseLong(message.timestamp()) + 1;
        assertThat(WebhookReceiver.verifies(
                        DEMO_SECRET, message.id(), Long.toString(later), message.body(), message.signature()))
                .isFalse();
    }

    @Test
    void aReceiverThatAnswers500ForAWhileGetsTheMessageLaterUnderTheSameId() throws Exception {
        String documentId = "flaky-" + UUID.randomUUID();
        DocumentReceived received = received(documentId, "other");
        awaitConsumed(publish(TOPICS.documentReceived().name(), documentId, received));
        publish(TOPICS.documentFailed().name(), documentId, Lifecycle.failed(received, "refused"));
        double retriedBefore = count("retried");

        for (int attempt = 1; attempt <= WebhookReceiver.FLAKY_FAILURES; attempt++) {
            int expected = attempt;
            List<Received> attempts =
                    Awaitility.await().atMost(WAIT).until(() -> attemptsFor(documentId), a -> a.size() == expected);
            assertThat(attempts.get(expected - 1).answered()).isEqualTo(500);
            JsonNode webhook = Awaitility.await()
                    .atMost(WAIT)
                    .until(
                            () -> get("/v1/documents/" + documentId, "other-key", 200)
                                    .get("webhook"),
                            w -> w != null && w.get("attempts").asInt() == expected);
            assertThat(webhook.get("state").asString()).isEqualTo("PENDING");
            assertThat(webhook.get("lastStatus").asInt()).isEqualTo(500);
            // doubling from first-retry (1m), on the gateway's clock
            assertThat(java.time.Instant.parse(webhook.get("nextAttemptAt").asString()))
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(1L << (expected - 1))));
            clock.advance(Duration.ofMinutes(1L << (expected - 1)));
        }

        List<Received> attempts = Awaitility.await()
                .atMost(WAIT)
                .until(() -> attemptsFor(documentId), a -> a.size() == WebhookReceiver.FLAKY_FAILURES + 1);
        assertThat(attempts.get(WebhookReceiver.FLAKY_FAILURES).answered()).isEqualTo(204);
        assertThat(attempts.stream().map(Received::id).distinct()).hasSize(1);
        assertThat(attempts.stream().map(Received::body).distinct()).hasSize(1);
        for (Received attempt : attempts) {
            assertThat(WebhookReceiver.verifies(
                            OTHER_SECRET, attempt.id(), attempt.timestamp(), attempt.body(), attempt.signature()))
                    .isTrue();
        }
        JsonNode webhook = Awaitility.await()
                .atMost(WAIT)
                .until(
                        () -> get("/v1/documents/" + documentId, "other-key", 200)
                                .get("webhook"),
                        w -> w.get("state").asString().equals("DELIVERED"));
        assertThat(webhook.get("attempts").asInt()).isEqualTo(WebhookReceiver.FLAKY_FAILURES + 1);
        assertThat(count("retried") - retriedBefore).isGreaterThanOrEqualTo(WebhookReceiver.FLAKY_FAILURES);
    }

    @Test
    void aReceiverThatNeverAnswersIsRetriedForADayThenTheMessageFails() throws Exception {
        String documentId = "down-" + UUID.randomUUID();
        DocumentReceived received = received(documentId, "down");
        awaitConsumed(publish(TOPICS.documentReceived().name(), documentId, received));
        publish(TOPICS.documentFailed().name(), documentId, Lifecycle.failed(received, "refused"));
        java.time.Instant first = clock.instant();

        JsonNode webhook = null;
        // Each 12 h moved makes exactly one attempt due: no wait between attempts exceeds 12 h.
        for (int attempts = 1; attempts < 100; attempts++) {
            int expected = attempts;
            webhook = Awaitility.await()
                    .atMost(WAIT)
                    .until(
                            () -> get("/v1/documents/" + documentId, "down-key", 200)
                                    .get("webhook"),
                            w -> w != null && w.get("attempts").asInt() == expected);
            if (webhook.get("state").asString().equals("FAILED")) {
                break;
            }
            clock.advance(Duration.ofHours(12));
        }
        assertThat(webhook.get("state").asString()).isEqualTo("FAILED");
        assertThat(webhook.get("lastError").asString()).contains("gave up");
        assertThat(Duration.between(first, clock.instant())).isGreaterThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void anEndpointOnAPrivateAddressIsRefusedWithoutACall() throws Exception {
        double refusedBefore = count("refused");
        String documentId = "inside-" + UUID.randomUUID();
        DocumentReceived received = received(documentId, "inside");
        awaitConsumed(publish(TOPICS.documentReceived().name(), documentId, received));
        publish(TOPICS.documentFailed().name(), documentId, Lifecycle.failed(received, "refused"));

        JsonNode webhook = Awaitility.await()
                .atMost(WAIT)
                .until(
                        () -> get("/v1/documents/" + documentId, "inside-key", 200)
                                .get("webhook"),
                        w -> w != null && w.get("state").asString().equals("FAILED"));
        assertThat(webhook.get("lastError").asString()).contains("private address 10.255.255.1");
        assertThat(webhook.get("attempts").asInt()).isEqualTo(1);
        assertThat(count("refused") - refusedBefore).isGreaterThanOrEqualTo(1);
    }

    private static List<Received> attemptsFor(String documentId) {
        return RECEIVER.at("/flaky").stream()
                .filter(m -> documentId.equals(documentIdOf(m)))
                .toList();
    }

    private double count(String outcome) {
        var counter = meters.find("signing.webhook.deliveries")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<Received> ofBatch(List<Received> messages, String batchId) {
        Set<String> seen = new HashSet<>();
        return messages.stream()
                .filter(m -> batchId.equals(batchIdOf(m)))
                .filter(m -> seen.add(m.id()))
                .toList();
    }
}
