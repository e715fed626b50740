package dev.signingsuite.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.ContainerAssembled;
import dev.signingsuite.events.ContentDigest;
import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.ValidationSummary;
import dev.signingsuite.gateway.database.TestDatabases;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which endpoints the status store's transaction writes messages for, against a real PostgreSQL
 * with the real migrations: the tenant's and the batch's own, once each; one message when they are
 * the same URL; a digest signature's message in the signature's terms, without a batch message.
 */
class RequestWebhooksTest {

    private static final Clock CLOCK = TestClock.frozenNow();
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String TENANT_URL = "https://backoffice.example/hooks";

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static BatchWebhooks batchWebhooks;
    private static StatusStore store;

    @BeforeAll
    static void startDatabase() {
        dataSource = TestDatabases.migrated();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc = JdbcClient.create(dataSource);
        batchWebhooks = new BatchWebhooks(jdbc);
        OutcomeNotices notices = new OutcomeNotices(
                jdbc,
                new WebhookOutbox(jdbc),
                new BatchCompletions(jdbc),
                Map.of("demo", new WebhookProperties.Endpoint(URI.create(TENANT_URL), SECRET))::get,
                batchWebhooks,
                new WebhookMeters(new SimpleMeterRegistry()),
                CLOCK);
        store = new StatusStore(dataSource, transactions, CLOCK, notices);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Test
    void aBatchsOwnEndpointGetsEachOutcomeAndTheCompletionOnceBesideTheTenants() {
        String batch = "batch-" + UUID.randomUUID();
        String one = UUID.randomUUID().toString();
        String two = UUID.randomUUID().toString();
        store.recordAccepted(List.of(
                SampleEvents.receivedInBatch(one, batch, CLOCK.instant()),
                SampleEvents.receivedInBatch(two, batch, CLOCK.instant())));
        batchWebhooks.keep("demo", batch, URI.create("https://backoffice.example/batch-7"), CLOCK.instant());

        store.record(SampleEvents.failedInBatch(one, batch, FailureReason.USER_REFUSED, "refused", CLOCK.instant()));
        store.record(SampleEvents.failedInBatch(two, batch, FailureReason.USER_REFUSED, "refused", CLOCK.instant()));
        store.record(SampleEvents.failedInBatch(
                two, batch, FailureReason.USER_REFUSED, "refused", CLOCK.instant())); // redelivered

        assertThat(messages(batch))
                .containsExactlyInAnyOrder(
                        "tenant document.failed " + TENANT_URL,
                        "tenant document.failed " + TENANT_URL,
                        "tenant batch.completed " + TENANT_URL,
                        "request document.failed https://backoffice.example/batch-7",
                        "request document.failed https://backoffice.example/batch-7",
                        "request batch.completed https://backoffice.example/batch-7");
    }

    @Test
    void aBatchNamingTheTenantsOwnUrlGetsOneMessageNotTwo() {
        String batch = "batch-" + UUID.randomUUID();
        String one = UUID.randomUUID().toString();
        store.recordAccepted(List.of(SampleEvents.receivedInBatch(one, batch, CLOCK.instant())));
        batchWebhooks.keep("demo", batch, URI.create(TENANT_URL), CLOCK.instant());

        store.record(SampleEvents.failedInBatch(one, batch, FailureReason.USER_REFUSED, "refused", CLOCK.instant()));

        assertThat(messages(batch))
                .containsExactlyInAnyOrder(
                        "tenant document.failed " + TENANT_URL, "tenant batch.completed " + TENANT_URL);
    }

    @Test
    void aDigestSignatureIsToldAsSignatureReadyToBothEndpointsWithoutABatchMessage() {
        String id = UUID.randomUUID().toString();
        DocumentReceived digest = new DocumentReceived(
                DocumentReceived.SCHEMA_VERSION,
                id,
                id,
                "demo",
                null,
                new SignerRef(Provider.CSC, "sandbox-seal"),
                SignatureFormat.CADES_DETACHED,
                SignatureLevel.LT,
                List.of(new DataFile("document", null, new ContentDigest("SHA256", new byte[32]))),
                CLOCK.instant());
        store.recordAccepted(List.of(digest));
        batchWebhooks.keep("demo", id, URI.create("https://backoffice.example/sig"), CLOCK.instant());

        store.record(new ContainerAssembled(
                ContainerAssembled.SCHEMA_VERSION,
                id,
                id,
                "demo",
                null,
                new BlobRef("s3://containers/" + id, 10, "application/pkcs7-signature", "a".repeat(64)),
                "document.p7s",
                digest.files(),
                new ValidationSummary("TOTAL_PASSED", null, CLOCK.instant(), "Sandbox Seal", SignatureLevel.LT),
                CLOCK.instant()));

        assertThat(messages(id))
                .containsExactlyInAnyOrder(
                        "tenant signature.ready " + TENANT_URL,
                        "request signature.ready https://backoffice.example/sig");
        assertThat(jdbc.sql("SELECT DISTINCT body FROM webhook_messages WHERE batch_id = :b")
                        .param("b", id)
                        .query(String.class)
                        .single())
                .contains("\"signatureUrl\":\"/v1/signatures/" + id + "/signature\"");
        // The batch of one is complete all the same, and goes to Kafka as every completion does.
        assertThat(jdbc.sql("SELECT count(*) FROM batch_completions WHERE batch_id = :b")
                        .param("b", id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private static List<String> messages(String batch) {
        return jdbc.sql("SELECT endpoint || ' ' || event_type || ' ' || url FROM webhook_messages"
                        + " WHERE batch_id = :batch")
                .param("batch", batch)
                .query(String.class)
                .list();
    }
}
