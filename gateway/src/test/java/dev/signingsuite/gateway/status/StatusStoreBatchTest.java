package dev.signingsuite.gateway.status;

import static dev.signingsuite.gateway.status.StatusStoreTest.assembled;
import static dev.signingsuite.gateway.status.StatusStoreTest.failed;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.events.DocumentReceived;
import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.database.TestDatabases;
import dev.signingsuite.testsupport.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll written as one JDBC batch ends exactly as the same events recorded one by one: two
 * databases, the same events, compared row for row. The poll repeats events (a redelivery) and holds
 * several events of one document, in an order where applying them out of order would differ.
 */
class StatusStoreBatchTest {

    private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");

    private static HikariDataSource oneByOneData;
    private static HikariDataSource batchedData;
    private static StatusStore oneByOne;
    private static StatusStore batched;

    @BeforeAll
    static void startDatabases() {
        oneByOneData = migrated();
        batchedData = migrated();
        oneByOne = store(oneByOneData);
        batched = store(batchedData);
    }

    @AfterAll
    static void closePools() {
        oneByOneData.close();
        batchedData.close();
    }

    @Test
    void aPollWithRepeatsAndSeveralEventsOfOneDocumentEndsAsOneByOne() {
        String reopened = "reopened";
        String lateReceived = "late-received";
        String foreign = "foreign";
        DocumentReceived received = SampleEvents.received(reopened, Provider.CSC);
        List<Function<StatusStore, StatusStore.Write>> poll = List.of(
                s -> s.received(received, StatusStore.Source.EVENTS),
                s -> s.failed(failed(reopened, "demo"), 0),
                // a deliberate re-processing assembles what attempt 0 failed, twice delivered
                s -> s.assembled(assembled(reopened, "demo"), 1),
                s -> s.assembled(assembled(reopened, "demo"), 1),
                s -> s.received(received, StatusStore.Source.EVENTS),
                s -> s.assembled(assembled(lateReceived, "demo"), 0),
                s -> s.received(SampleEvents.received(lateReceived, Provider.CSC), StatusStore.Source.EVENTS),
                s -> s.failed(failed(lateReceived, "demo"), 0),
                s -> s.received(SampleEvents.received(foreign, Provider.CSC), StatusStore.Source.EVENTS),
                s -> s.failed(failed(foreign, "intruder"), 0));

        poll.forEach(write -> oneByOne.write(List.of(write.apply(oneByOne))));
        batched.write(poll.stream().map(write -> write.apply(batched)).toList());

        for (String id : List.of(reopened, lateReceived, foreign)) {
            assertThat(batched.find("demo", id)).isEqualTo(oneByOne.find("demo", id));
            assertThat(batched.history(id)).isEqualTo(oneByOne.history(id));
        }
        assertThat(batched.find("demo", reopened).orElseThrow().status()).isEqualTo(DocumentStatus.ASSEMBLED);
        assertThat(batched.history(reopened))
                .extracting(HistoryEntry::status)
                .containsExactly(DocumentStatus.RECEIVED, DocumentStatus.FAILED, DocumentStatus.ASSEMBLED);
        assertThat(batched.find("demo", lateReceived).orElseThrow().status()).isEqualTo(DocumentStatus.ASSEMBLED);
        assertThat(batched.find("demo", lateReceived).orElseThrow().fileName()).isEqualTo("invoice.pdf");
        assertThat(batched.find("demo", foreign).orElseThrow().status()).isEqualTo(DocumentStatus.RECEIVED);
        assertThat(batched.findBatch("intruder", "batch-" + foreign)).isEmpty();
    }

    private static HikariDataSource migrated() {
        HikariDataSource dataSource = TestDatabases.migrated();
        return dataSource;
    }

    private static StatusStore store(HikariDataSource dataSource) {
        return new StatusStore(
                dataSource,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.fixed(AT, ZoneOffset.UTC));
    }
}
