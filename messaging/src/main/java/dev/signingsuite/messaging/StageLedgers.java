package dev.signingsuite.messaging;

import dev.signingsuite.events.StageOutcomeRecorded;
import dev.signingsuite.events.Topic;
import java.time.Clock;
import java.time.Duration;

/** Makes each deduplicating stage's {@link StageLedger}; declare the ledger as a bean. */
public final class StageLedgers {

    private final TransactionalSends sends;
    private final LedgerReader reader;
    private final Duration window;
    private final Clock clock;

    StageLedgers(TransactionalSends sends, LedgerReader reader, Duration window, Clock clock) {
        this.sends = sends;
        this.reader = reader;
        this.window = window;
        this.clock = clock;
    }

    /**
     * @param stage the stage tag of the ledger's entries and metrics
     * @param inputTopic the topic whose partitions the ledger's partitions mirror
     */
    public StageLedger create(String stage, Topic<StageOutcomeRecorded> ledgerTopic, String inputTopic) {
        return new StageLedger(stage, ledgerTopic, inputTopic, window, clock, sends::sendInTransaction, reader);
    }
}
