package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A stage's ledger entry: it published the outcome of one attempt at a document, in the same Kafka
 * transaction as the outcome itself. The stage reads its ledger back when it is assigned input
 * partitions, so that a second input for the same document and attempt (a producer's duplicate, a
 * replayed dead letter) is dropped instead of answered twice. Internal to the writing stage; not
 * part of the back-office contract.
 *
 * @param stage the stage that wrote the entry, e.g. {@code augmentation}
 * @param attempt the input's {@link SigningHeaders#ATTEMPT} (0 when absent)
 * @param outcome the CloudEvents type of the outcome published
 * @param sourcePartition the input record's partition; the entry is written to the same partition
 * @param sourceOffset the input record's offset: the same record redelivered after an aborted
 *     transaction is processed again, any other record for the document and attempt is a duplicate
 * @param recordedAt when the outcome was published
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageOutcomeRecorded(
        int schemaVersion,
        String documentId,
        String stage,
        int attempt,
        String outcome,
        int sourcePartition,
        long sourceOffset,
        Instant recordedAt) {

    public static final int SCHEMA_VERSION = 1;

    public StageOutcomeRecorded {
        Checks.notBlank(documentId, "documentId");
        Checks.notBlank(stage, "stage");
        Checks.notBlank(outcome, "outcome");
        Checks.notNull(recordedAt, "recordedAt");
        if (schemaVersion < 1 || attempt < 0 || sourcePartition < 0 || sourceOffset < 0) {
            throw new IllegalArgumentException(
                    "schemaVersion must be at least 1, attempt, sourcePartition and" + " sourceOffset at least 0");
        }
    }
}
