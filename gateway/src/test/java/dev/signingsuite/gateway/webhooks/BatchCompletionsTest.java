package dev.signingsuite.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.events.FailureReason;
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
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A batch completes exactly once even when two gateway instances record its last two outcomes at
 * the same moment, against a real PostgreSQL with the real migrations.
 */
class BatchCompletionsTest {

    private static final Clock CLOCK = TestClock.frozenNow();
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static HikariDataSource dataSource;
    private static TransactionTemplate transactions;
    private static JdbcClient jdbc;
    private static OutcomeNotices notices;

    @BeforeAll
    static void startDatabase() {
        dataSource = TestDatabases.migrated();
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc = JdbcClient.create(dataSource);
        notices = new OutcomeNotices(
                jdbc,
                new WebhookOutbox(jdbc),
                new BatchCompletions(jdbc),
                Map.of("demo", new WebhookProperties.Endpoint(URI.create("https://backoffice.example/hooks"), SECRET))
                        ::get,
                new BatchWebhooks(jdbc),
                new WebhookMeters(new SimpleMeterRegistry()),
                CLOCK);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Test
    void twoTransactionsRecordingABatchsLastOutcomesAtOnceCompleteItOnce() throws Exception {
        String batch = "batch-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        new StatusStore(dataSource, transactions, CLOCK)
                .recordAccepted(List.of(
                        SampleEvents.receivedInBatch(first, batch, CLOCK.instant()),
                        SampleEvents.receivedInBatch(second, batch, CLOCK.instant())));
        // Both transactions have written their outcome, uncommitted, before either looks at the batch,
        // and neither commits before the other looked, unless it must wait for the other (the lock).
        CyclicBarrier written = new CyclicBarrier(2);
        CyclicBarrier looked = new CyclicBarrier(2);
        StatusStore meeting = new StatusStore(dataSource, transactions, CLOCK, events -> {
            try {
                written.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            notices.recorded(events);
            try {
                looked.await(2, TimeUnit.SECONDS);
            } catch (TimeoutException | BrokenBarrierException e) {
                // the other transaction waits for this one's lock: commit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Future<?> one = instances.submit(() -> meeting.record(
                    SampleEvents.failedInBatch(first, batch, FailureReason.TIMEOUT, "failed", CLOCK.instant())));
            Future<?> two = instances.submit(() -> meeting.record(
                    SampleEvents.failedInBatch(second, batch, FailureReason.USER_REFUSED, "failed", CLOCK.instant())));
            one.get(30, TimeUnit.SECONDS);
            two.get(30, TimeUnit.SECONDS);
        } finally {
            instances.shutdownNow();
        }

        assertThat(completions(batch)).containsExactly("2/0/2 {\"TIMEOUT\":1,\"USER_REFUSED\":1}");
        assertThat(messages(batch)).containsExactlyInAnyOrder("batch.completed", "document.failed", "document.failed");

        // Redelivered, the outcome changes nothing: no message, no completion.
        new StatusStore(dataSource, transactions, CLOCK, notices)
                .record(SampleEvents.failedInBatch(first, batch, FailureReason.TIMEOUT, "failed", CLOCK.instant()));
        assertThat(completions(batch)).hasSize(1);
        assertThat(messages(batch)).hasSize(3);
    }

    @Test
    void aBatchWithADocumentStillOpenIsNotComplete() {
        String batch = "batch-" + UUID.randomUUID();
        String done = UUID.randomUUID().toString();
        StatusStore store = new StatusStore(dataSource, transactions, CLOCK, notices);
        store.recordAccepted(List.of(
                SampleEvents.receivedInBatch(done, batch, CLOCK.instant()),
                SampleEvents.receivedInBatch(UUID.randomUUID().toString(), batch, CLOCK.instant())));

        store.record(SampleEvents.failedInBatch(done, batch, FailureReason.TIMEOUT, "failed", CLOCK.instant()));

        assertThat(completions(batch)).isEmpty();
        assertThat(messages(batch)).containsExactly("document.failed");
    }

    private static List<String> completions(String batch) {
        return jdbc.sql("SELECT documents || '/' || assembled || '/' || failed || ' ' || failures_by_reason"
                        + " FROM batch_completions WHERE batch_id = :batch")
                .param("batch", batch)
                .query(String.class)
                .list();
    }

    private static List<String> messages(String batch) {
        return jdbc.sql("SELECT event_type FROM webhook_messages WHERE batch_id = :batch")
                .param("batch", batch)
                .query(String.class)
                .list();
    }
}
