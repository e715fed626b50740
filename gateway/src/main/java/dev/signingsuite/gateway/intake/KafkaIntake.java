package dev.signingsuite.gateway.intake;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.IntakeRejected;
import dev.signingsuite.gateway.audit.SubmitterHeader;
import dev.signingsuite.gateway.intake.IntakeFingerprint.FileDigest;
import dev.signingsuite.gateway.intake.IntakeReferences.Claim;
import dev.signingsuite.messaging.DeadLetters;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.messaging.SigningMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The Kafka intake: the reference rule first, then {@link IntakeAcceptor} through the routed stage.
 * A record claims its tenant's {@code clientReference} before anything is stored; a reference
 * claimed for other content answers {@link IntakeRejected}, one claimed for the same content
 * publishes nothing, so the document's own outcome stays the only one. Returning null sends nothing.
 *
 * <p>It reads the record's bytes itself ({@link IntakeRecord}) instead of letting the binder convert
 * them: a record it cannot read (or whose headers contradict it) is dead-lettered here, in the transaction that
 * commits its offset (ADR 11). The binder would dead-letter it from its after-rollback processor,
 * after the record's transaction had rolled back; the chaos run lost one such dead letter.
 */
final class KafkaIntake implements Function<Message<byte[]>, Message<?>> {

    private static final Logger log = LoggerFactory.getLogger(KafkaIntake.class);

    private final IntakeReferences references;
    private final RoutedStage<DocumentSubmitted> acceptance;
    private final DeadLetters deadLetters;
    private final String rejectedTopic;
    private final String tenantTopics;
    private final String source;
    private final Clock clock;
    private final Counter duplicates;
    private final Counter rejections;

    KafkaIntake(
            IntakeReferences references,
            RoutedStage<DocumentSubmitted> acceptance,
            DeadLetters deadLetters,
            String rejectedTopic,
            String intakeTopic,
            String source,
            Clock clock,
            MeterRegistry meters) {
        this.references = references;
        this.acceptance = acceptance;
        this.deadLetters = deadLetters;
        this.rejectedTopic = rejectedTopic;
        this.tenantTopics = intakeTopic + ".";
        this.source = source;
        this.clock = clock;
        this.duplicates = SigningMeters.documents(meters, IntakeStage.STAGE, "duplicate");
        this.rejections = SigningMeters.documents(meters, IntakeStage.STAGE, "reference_reused");
    }

    @Override
    public Message<?> apply(Message<byte[]> raw) {
        String record = recordOf(raw.getHeaders());
        Message<DocumentSubmitted> message;
        try {
            // A record that contradicts its headers is dead-lettered before it may claim anything.
            message = IntakeRecord.read(raw, record);
            requireTopicsTenant(raw.getHeaders(), message.getPayload());
        } catch (IntakeRecord.Unreadable e) {
            deadLetters.publish(raw, e);
            log.warn("Intake record {} dead-lettered: {}", record, e.getMessage());
            return null;
        }
        DocumentSubmitted submitted = message.getPayload();
        Claim mine = claimOf(submitted, record);
        Claim held = references.claim(mine);
        if (!held.fingerprint().equals(mine.fingerprint())) {
            rejections.increment();
            log.warn(
                    "Intake refused: tenant {} reused clientReference {} for other content",
                    submitted.tenantId(),
                    submitted.clientReference());
            return rejection(submitted, held);
        }
        if (record != null && record.equals(held.intakeRecord())) {
            // This record's own claim, found again on redelivery: its output was never committed.
            return accept(message);
        }
        if (held.source() == IntakeReferences.Source.KAFKA && !references.documentKnown(held.documentId())) {
            // The claiming record's output never reached the topics (dead-lettered, then replayed
            // as a new record): answer now, under the same document id.
            return accept(message);
        }
        duplicates.increment();
        log.info(
                "Intake record repeats clientReference {} of document {}: nothing new started",
                submitted.clientReference(),
                held.documentId());
        return null;
    }

    /**
     * A tenant's own intake topic ({@code <intake>.<tenant>}, ADR 17) is the only one its producer
     * may write (broker ACLs): a record there naming another tenant is refused, so that a tenant's
     * credentials never submit in another's name. The shared topic is for deployments whose one back
     * office is trusted with every tenant. The description names neither tenant: it is a dead letter's.
     */
    private void requireTopicsTenant(MessageHeaders headers, DocumentSubmitted submitted) {
        Object topic = headers.get(KafkaHeaders.RECEIVED_TOPIC);
        if (topic instanceof String name
                && name.startsWith(tenantTopics)
                && !name.substring(tenantTopics.length()).equals(submitted.tenantId())) {
            throw new IntakeRecord.Unreadable(
                    "tenantId names another tenant than the intake topic's: a tenant's topic takes only its own documents");
        }
    }

    private Message<?> accept(Message<DocumentSubmitted> message) {
        return MessageBuilder.fromMessage(acceptance.apply(message))
                .setHeader(SubmitterHeader.NAME, SubmitterHeader.KAFKA_INTAKE)
                .build();
    }

    private static Claim claimOf(DocumentSubmitted submitted, String record) {
        String documentId = IntakeAcceptor.documentIdFor(submitted.tenantId(), submitted.clientReference());
        String fingerprint = IntakeFingerprint.of(
                List.of(new FileDigest(submitted.fileName(), submitted.mediaType(), sha256Of(submitted))),
                submitted.signer(),
                submitted.format(),
                submitted.level());
        return new Claim(
                submitted.tenantId(),
                submitted.clientReference(),
                documentId,
                IntakeAcceptor.batchIdFor(submitted, documentId),
                fingerprint,
                List.of(submitted.fileName()),
                IntakeReferences.Source.KAFKA,
                record);
    }

    /**
     * The stated digest of an object, so that the same document sent inline and as an object is the
     * same content; a claim that states a wrong one is refused once the object is read.
     */
    private static String sha256Of(DocumentSubmitted submitted) {
        return submitted.contentObject() != null
                ? submitted.contentObject().sha256()
                : IntakeFingerprint.sha256Hex(submitted.content());
    }

    private Message<IntakeRejected> rejection(DocumentSubmitted submitted, Claim held) {
        Instant now = clock.instant();
        IntakeRejected rejected = new IntakeRejected(
                IntakeRejected.SCHEMA_VERSION,
                submitted.tenantId(),
                submitted.clientReference(),
                submitted.batchId(),
                IntakeRejected.Reason.CLIENT_REFERENCE_REUSED,
                "clientReference " + submitted.clientReference() + " names document " + held.documentId()
                        + " with other content; use a new reference for a new document",
                now);
        String key = IntakeRejected.keyOf(submitted.tenantId(), submitted.clientReference());
        return MessageBuilder.withPayload(rejected)
                .setHeader(KafkaHeaders.KEY, key.getBytes(UTF_8))
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .setHeader(CloudEventHeaders.ID, UUID.randomUUID().toString())
                .setHeader(CloudEventHeaders.TYPE, EventTypes.typeOf(IntakeRejected.class))
                .setHeader(CloudEventHeaders.SOURCE, source)
                .setHeader(CloudEventHeaders.TIME, now.toString())
                .setHeader(CloudEventHeaders.SUBJECT, key)
                .setHeader(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE)
                .setHeader(RoutedStage.SEND_TO, rejectedTopic)
                .build();
    }

    /** Where the record sits on the intake topic; null when it did not come from Kafka. */
    static String recordOf(MessageHeaders headers) {
        Object topic = headers.get(KafkaHeaders.RECEIVED_TOPIC);
        Object partition = headers.get(KafkaHeaders.RECEIVED_PARTITION);
        Object offset = headers.get(KafkaHeaders.OFFSET);
        if (topic == null || partition == null || offset == null) {
            return null;
        }
        return topic + "/" + partition + "/" + offset;
    }
}
