package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.intake.IntakeReferences;
import dev.signingsuite.gateway.intake.IntakeReferences.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The REST side of the reference rule: an upload whose references all name documents of the same
 * content is answered with those documents; one that reuses a reference for other content is
 * refused with 409. The claims are made in the transaction that records the documents, so a
 * concurrent upload of the same references either waits and then finds them, or wins.
 */
final class UploadReferences {

    private final IntakeReferences references;
    private final TransactionTemplate transactions;

    UploadReferences(IntakeReferences references, TransactionTemplate transactions) {
        this.references = references;
        this.transactions = transactions;
    }

    /**
     * The documents the upload's references already name, when every one names a document of the
     * same content in one batch; empty when none is taken.
     *
     * @throws ApiProblem 409 when a reference names other content, or only some are taken
     */
    Optional<List<Claim>> repeated(List<Claim> candidates) {
        List<Claim> found = new ArrayList<>();
        for (Claim candidate : candidates) {
            references.find(candidate.tenantId(), candidate.clientReference()).ifPresent(found::add);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < candidates.size(); i++) {
            Claim candidate = candidates.get(i);
            Claim held = i < found.size() ? found.get(i) : null;
            if (held == null
                    || !held.clientReference().equals(candidate.clientReference())
                    || !held.fingerprint().equals(candidate.fingerprint())
                    || !held.batchId().equals(found.get(0).batchId())) {
                throw conflict(candidate.clientReference());
            }
        }
        return Optional.of(List.copyOf(found));
    }

    /**
     * Claims every reference of the upload and runs {@code record} in one transaction.
     *
     * @return empty when the upload won its references; the existing documents when a concurrent
     *     upload of the same content won them (nothing of this upload is recorded)
     * @throws ApiProblem 409 when a concurrent upload won them for other content
     */
    Optional<List<Claim>> claimWhile(List<Claim> candidates, Runnable record) {
        if (candidates.isEmpty()) {
            record.run();
            return Optional.empty();
        }
        Boolean won = transactions.execute(tx -> {
            for (Claim candidate : candidates) {
                if (!references.claim(candidate).documentId().equals(candidate.documentId())) {
                    tx.setRollbackOnly();
                    return false;
                }
            }
            record.run();
            return true;
        });
        if (Boolean.TRUE.equals(won)) {
            return Optional.empty();
        }
        return Optional.of(repeated(candidates)
                .orElseThrow(() -> conflict(candidates.get(0).clientReference())));
    }

    /** Frees a reference whose document was recorded but could not be queued. */
    void release(String tenantId, String documentId) {
        references.release(tenantId, documentId);
    }

    private static ApiProblem conflict(String clientReference) {
        return new ApiProblem(
                HttpStatus.CONFLICT,
                "Client reference reused",
                "clientReference " + clientReference + " already names a document with other content;"
                        + " use a new reference for a new document");
    }
}
