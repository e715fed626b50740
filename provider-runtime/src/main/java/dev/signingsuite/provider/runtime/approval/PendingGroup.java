package dev.signingsuite.provider.runtime.approval;

import java.time.Instant;
import java.util.List;

/**
 * One group as the operator pages show it, the same for every provider; never the grant.
 *
 * @param subject the seal identity or credential the group is signed with
 * @param state {@code OPEN} (gathering during its window), {@code WAITING} (nobody started it),
 *     {@code STARTED} (a person is at the service), {@code APPROVED} (grant held until {@code
 *     expiresAt}), {@code SIGNED} (values kept until the documents' records come again; a document leaves its group once its outcome is published)
 */
public record PendingGroup(
        String id, String subject, int documents, List<String> documentIds, String state, Instant expiresAt) {}
