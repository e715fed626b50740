package dev.signingsuite.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.CloudEventHeaders;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.DocumentSubmitted;
import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.EventTypes;
import dev.signingsuite.events.IntakeRejected;
import dev.signingsuite.events.Lane;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.audit.SubmitterHeader;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.config.GatewayProperties.AllowedSigner;
import dev.signingsuite.gateway.config.GatewayProperties.Tenant;
import dev.signingsuite.gateway.database.TestDatabases;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.RoutedStage;
import dev.signingsuite.testsupport.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The Kafka intake's reference rule record by record, against a real PostgreSQL: which repeat of a
 * reference answers again and which starts nothing.
 */
class KafkaIntakeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    private static final Topics TOPICS = Topics.defaults();

    private static HikariDataSource dataSource;
    private static StatusStore statuses;

    @TempDir
    Path blobRoot;

    private KafkaIntake intake;
    private final List<String> deadLetters = new ArrayList<>();

    @BeforeAll
    static void startDatabase() {
        dataSource = TestDatabases.migrated();
        statuses = new StatusStore(
                dataSource, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), CLOCK);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        GatewayProperties properties = new GatewayProperties(
                DataSize.ofKilobytes(64),
                10,
                Map.of(
                        SampleEvents.TENANT,
                        new Tenant(
                                List.of("demo-key"),
                                List.of(
                                        new AllowedSigner(Provider.CSC, "sandbox-seal"),
                                        new AllowedSigner(Provider.SMARTID, "PNOEE-30303039914")))));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        IntakeAcceptor acceptor = new IntakeAcceptor(
                properties, new FileSystemBlobStore(blobRoot), TenantObjectsTest.inlineOnly(), CLOCK);
        intake = new KafkaIntake(
                new IntakeReferences(JdbcClient.create(dataSource), CLOCK),
                IntakeStage.stage(acceptor, Lane.BULK, new EventMessages("/test", CLOCK), TOPICS, meters),
                (message, cause) -> deadLetters.add(
                        new String((byte[]) message.getPayload(), StandardCharsets.UTF_8) + " | " + cause.getMessage()),
                TOPICS.intakeRejected().name(),
                TOPICS.intake().name(),
                "/test",
                CLOCK,
                meters);
    }

    @Test
    void aRedeliveryOfTheClaimingRecordAnswersAgainAndALaterRepeatStartsNothing() {
        DocumentSubmitted submitted = SampleEvents.submitted("k-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal");

        Message<?> first = intake.apply(record(submitted, 5));
        Message<?> redelivered = intake.apply(record(submitted, 5));

        DocumentReceived received = (DocumentReceived) first.getPayload();
        assertThat(((DocumentReceived) redelivered.getPayload()).documentId()).isEqualTo(received.documentId());
        assertThat(first.getHeaders().get(SubmitterHeader.NAME)).isEqualTo(SubmitterHeader.KAFKA_INTAKE);
        assertThat(first.getHeaders().get(RoutedStage.SEND_TO))
                .isEqualTo(TOPICS.documentReceived().name());

        // The document reached the topics and the status store read it back: a repeat is a duplicate.
        statuses.record(received, StatusStore.Source.EVENTS);
        assertThat(intake.apply(record(submitted, 9))).isNull();
    }

    @Test
    void aSmartIdDocumentGoesToTheInteractiveLane() {
        DocumentSubmitted submitted =
                SampleEvents.submitted("k-" + UUID.randomUUID(), Provider.SMARTID, "PNOEE-30303039914");

        Message<?> accepted = intake.apply(record(submitted, 3));

        assertThat(accepted.getHeaders().get(RoutedStage.SEND_TO))
                .isEqualTo(TOPICS.documentReceived(Lane.INTERACTIVE).name());
    }

    @Test
    void aRepeatWhoseClaimingRecordNeverGotOutAnswersUnderTheSameDocument() {
        DocumentSubmitted submitted = SampleEvents.submitted("k-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal");
        DocumentReceived lost =
                (DocumentReceived) intake.apply(record(submitted, 5)).getPayload();

        // Its output was never committed (dead-lettered, then replayed as a new record at offset 11).
        Message<?> replayed = intake.apply(record(submitted, 11));

        assertThat(((DocumentReceived) replayed.getPayload()).documentId()).isEqualTo(lost.documentId());
    }

    @Test
    void otherContentUnderAUsedReferenceIsAnIntakeRejectionKeyedByTheReference() {
        DocumentSubmitted submitted = SampleEvents.submitted("k-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal");
        intake.apply(record(submitted, 5));
        DocumentSubmitted other = new DocumentSubmitted(
                submitted.schemaVersion(),
                submitted.tenantId(),
                submitted.clientReference(),
                null,
                "other.pdf",
                submitted.mediaType(),
                submitted.content(),
                submitted.signer(),
                submitted.format(),
                submitted.level());

        Message<?> answer = intake.apply(record(other, 6));

        IntakeRejected rejected = (IntakeRejected) answer.getPayload();
        assertThat(rejected.reason()).isEqualTo(IntakeRejected.Reason.CLIENT_REFERENCE_REUSED);
        assertThat(answer.getHeaders().get(RoutedStage.SEND_TO))
                .isEqualTo(TOPICS.intakeRejected().name());
        assertThat(new String((byte[]) answer.getHeaders().get(KafkaHeaders.KEY), StandardCharsets.UTF_8))
                .isEqualTo(SampleEvents.TENANT + "/" + submitted.clientReference());
        assertThat(answer.getHeaders().get(CloudEventHeaders.TYPE)).isEqualTo("dev.signingsuite.intake-rejected.v1");
    }

    @Test
    void anUnreadableRecordIsDeadLetteredByTheIntakeItselfAndAnsweredWithNothingElse() {
        // Without file name and content: the record cannot be read as a DocumentSubmitted.
        byte[] missingFields = ("{\"schemaVersion\":1,\"tenantId\":\"" + SampleEvents.TENANT
                        + "\",\"clientReference\":\"k-missing\"}")
                .getBytes(StandardCharsets.UTF_8);
        Message<byte[]> mislabelled = MessageBuilder.fromMessage(record(missingFields, 7))
                .setHeader(CloudEventHeaders.TYPE, "dev.signingsuite.document-failed.v1")
                .build();

        assertThat(intake.apply(record(missingFields, 7))).isNull();
        assertThat(intake.apply(mislabelled)).isNull();

        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters.get(0))
                .startsWith(new String(missingFields, StandardCharsets.UTF_8)
                        + " | not a DocumentSubmitted: file name is required");
        assertThat(deadLetters.get(1)).contains("header ce_type must be");
    }

    @Test
    void aPlainProducersRecordWithoutHeadersIsAccepted() {
        DocumentSubmitted submitted = SampleEvents.submitted("k-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal");
        Message<byte[]> plain = MessageBuilder.withPayload(EventJson.write(submitted))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, TOPICS.intake().name())
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
                .setHeader(KafkaHeaders.OFFSET, 12L)
                .build();

        DocumentReceived received = (DocumentReceived) intake.apply(plain).getPayload();

        assertThat(received.clientReference()).isEqualTo(submitted.clientReference());
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aTenantsOwnIntakeTopicTakesItsOwnDocumentsAndRefusesAnotherTenants() {
        String own = TOPICS.intake().name() + "." + SampleEvents.TENANT;
        DocumentSubmitted mine = SampleEvents.submitted("k-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal");
        // Globex's credentials wrote a document in demo's name onto globex's own topic.
        DocumentSubmitted others = SampleEvents.submitted("k-" + UUID.randomUUID(), Provider.CSC, "sandbox-seal");
        Message<byte[]> onAnotherTenantsTopic = MessageBuilder.fromMessage(record(others, 21))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, TOPICS.intake().name() + ".globex")
                .build();
        Message<byte[]> onItsOwnTopic = MessageBuilder.fromMessage(record(mine, 22))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, own)
                .build();

        assertThat(intake.apply(onAnotherTenantsTopic)).isNull();
        DocumentReceived received =
                (DocumentReceived) intake.apply(onItsOwnTopic).getPayload();

        assertThat(received.tenantId()).isEqualTo(SampleEvents.TENANT);
        assertThat(deadLetters)
                .singleElement()
                .asString()
                .contains("names another tenant than the intake topic's")
                .doesNotContain("globex");
    }

    private static Message<byte[]> record(DocumentSubmitted submitted, long offset) {
        return record(EventJson.write(submitted), offset);
    }

    private static Message<byte[]> record(byte[] value, long offset) {
        return MessageBuilder.withPayload(value)
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .setHeader(CloudEventHeaders.ID, UUID.randomUUID().toString())
                .setHeader(CloudEventHeaders.SOURCE, "/back-office")
                .setHeader(CloudEventHeaders.TYPE, EventTypes.typeOf(DocumentSubmitted.class))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, TOPICS.intake().name())
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
                .setHeader(KafkaHeaders.OFFSET, offset)
                .build();
    }
}
