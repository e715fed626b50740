package dev.signingsuite.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.EventJson;
import dev.signingsuite.events.StageOutcomeRecorded;
import dev.signingsuite.events.Topics;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class StageLedgerTest {

    private static final Topics TOPICS = Topics.withPrefix("acme");
    private static final String OUTCOME = "dev.signingsuite.signature-augmented.v1";

    private final MutableClock clock = TestClock.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
    private final StageLedger ledger = new StageLedger(
            "augmentation",
            TOPICS.augmentationLedger(),
            TOPICS.signatureReturned().name(),
            Duration.ofDays(7),
            clock,
            sent::add,
            null);

    @Test
    void anOutcomeIsWrittenToTheInputsPartitionKeyedByDocument() {
        ledger.record("doc-1", 0, 4, 17, OUTCOME);

        assertThat(sent).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("acme.augmentation-ledger.v1");
            assertThat(record.partition()).isEqualTo(4);
            assertThat(new String(record.key(), UTF_8)).isEqualTo("doc-1");
            StageOutcomeRecorded entry = EventJson.read(record.value(), StageOutcomeRecorded.class);
            assertThat(entry.attempt()).isZero();
            assertThat(entry.sourceOffset()).isEqualTo(17);
            assertThat(entry.outcome()).isEqualTo(OUTCOME);
            assertThat(entry.recordedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void anotherRecordForAnAnsweredDocumentAndAttemptIsADuplicateTheSameRecordRedeliveredIsNot() {
        ledger.record("doc-1", 0, 4, 17, OUTCOME);

        assertThat(ledger.answered("doc-1", 0, 4, 18)).as("a second input").isTrue();
        assertThat(ledger.answered("doc-1", 0, 4, 17))
                .as("the same record after its transaction aborted")
                .isFalse();
        assertThat(ledger.answered("doc-2", 0, 4, 19)).isFalse();
    }

    @Test
    void aHigherAttemptIsAnsweredAgainAndThenEveryLowerOneIsADuplicate() {
        ledger.record("doc-1", 0, 4, 17, OUTCOME);

        assertThat(ledger.answered("doc-1", 1, 4, 30)).isFalse();
        ledger.record("doc-1", 1, 4, 30, OUTCOME);

        assertThat(ledger.answered("doc-1", 0, 4, 31)).isTrue();
        assertThat(ledger.answered("doc-1", 1, 4, 32)).isTrue();
        assertThat(ledger.answered("doc-1", 2, 4, 33)).isFalse();
    }

    @Test
    void entriesOlderThanTheWindowAreForgotten() {
        ledger.record("doc-old", 0, 1, 1, OUTCOME);
        clock.advance(Duration.ofDays(8));
        ledger.record("doc-new", 0, 1, 2, OUTCOME);

        assertThat(ledger.answered("doc-old", 0, 1, 9)).isFalse();
        assertThat(ledger.answered("doc-new", 0, 1, 9)).isTrue();
        assertThat(ledger.size()).isEqualTo(1);
    }

    @Test
    void entriesReadBackFromTheTopicCountLikeTheOnesThisInstanceWrote() {
        ledger.remember(new StageOutcomeRecorded(
                StageOutcomeRecorded.SCHEMA_VERSION, "doc-9", "augmentation", 0, OUTCOME, 2, 40, clock.instant()));

        assertThat(ledger.answered("doc-9", 0, 2, 41)).isTrue();
        assertThat(sent).isEmpty();
    }
}
