package dev.signingsuite.provider.eparaksts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.provider.eparaksts.approval.SealApprovals;
import dev.signingsuite.provider.eparaksts.client.DigestsSummary;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import dev.signingsuite.provider.runtime.approval.PendingGroup;
import dev.signingsuite.provider.runtime.approval.RedirectQuery;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Approval groups without a platform: how documents gather, close and are summarised for approval. */
class SealApprovalsTest {

    private static final String INVOICING = "sqnd2nvpkr0siar572hi8a9t1h";
    private static final String LOGISTICS = "fmc8755q6fgqg341jlo7pkucm5";

    private final MutableClock clock = TestClock.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
    private final ApprovalGroups<EparakstsClient.UserToken> approvals = new ApprovalGroups<>(
            "eparaksts", new SealApprovals(client(), approval(3), false), Duration.ofSeconds(2), clock, meters());

    @Test
    void documentsOfOneSealGatherUpToTheMaxSizeAndEachSealHasItsOwnGroups() {
        for (int i = 0; i < 4; i++) {
            approvals.await(INVOICING, "sha256", 3, prepared("inv-" + i));
        }
        approvals.await(LOGISTICS, "sha256", 3, prepared("log-0"));
        List<PendingGroup> groups = approvals.pending();
        assertThat(groups)
                .extracting(PendingGroup::subject, PendingGroup::documents, PendingGroup::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(INVOICING, 3, "WAITING"),
                        org.assertj.core.groups.Tuple.tuple(INVOICING, 1, "OPEN"),
                        org.assertj.core.groups.Tuple.tuple(LOGISTICS, 1, "OPEN"));
        assertThat(approvals.waiting()).isEqualTo(1);
        assertThat(approvals.held("inv-3"))
                .get()
                .extracting(ApprovalGroups.Held::approved)
                .isEqualTo(false);
        clock.advance(Duration.ofMillis(1500));
        assertThat(approvals.nextChange(Duration.ofSeconds(5)))
                .as("waiting documents come again when the open groups' window ends, not a fixed recheck later")
                .isEqualTo(Duration.ofMillis(500));

        clock.advance(Duration.ofMillis(500));
        assertThat(approvals.closedUnstarted()).hasSize(3);
        assertThat(approvals.pending()).extracting(PendingGroup::state).containsOnly("WAITING");
        assertThat(approvals.waiting()).isEqualTo(3);
        assertThat(approvals.nextChange(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    /** Spec section 9.1: one digest's summary is base64(SHA-256(digest bytes)) (UNKNOVS). */
    @Test
    void theApprovalNamesTheSealAndTheSummaryOfExactlyTheGroupsDigests() throws Exception {
        approvals.await(LOGISTICS, "sha256", 3, prepared("only"));
        String groupId = approvals.pending().get(0).id();
        Map<String, String> query = RedirectQuery.of(approvals.start(groupId));
        assertThat(query)
                .containsEntry("scope", EparakstsClient.SCOPE_USE_SERVER)
                .containsEntry("sign_identity_id", LOGISTICS)
                .containsEntry("digests_summary_algorithm", "sha256")
                .containsEntry(
                        "digests_summary",
                        Base64.getEncoder()
                                .encodeToString(
                                        MessageDigest.getInstance("SHA-256").digest(digest("only"))));
        assertThat(approvals.pending().get(0).state()).isEqualTo("STARTED");
        assertThat(approvals.nextChange(Duration.ofSeconds(5)))
                .as("while the person approves, waiting documents look again soon")
                .isLessThan(Duration.ofSeconds(1));
        approvals.await(LOGISTICS, "sha256", 3, prepared("later"));
        assertThat(approvals.pending())
                .as("a started group takes no more documents")
                .hasSize(2);
        assertThatThrownBy(() -> approvals.complete("code", "forged")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DigestsSummary.of("sha256", List.of(digest("a"), digest("b"))))
                .isNotEqualTo(DigestsSummary.of("sha256", List.of(digest("b"), digest("a"))))
                .isNotEqualTo(DigestsSummary.of("sha384", List.of(digest("a"), digest("b"))));
    }

    /** Found by chaos: a group whose automatic approval met a fault stayed STARTED for good. */
    @Test
    void anApprovalThatBrokeOffCanBeStartedAgainAndItsOldStateNoLongerCompletes() {
        approvals.await(LOGISTICS, "sha256", 1, prepared("one"));
        String groupId = approvals.pending().get(0).id();
        String firstState = RedirectQuery.of(approvals.start(groupId)).get("state");
        assertThat(approvals.closedUnstarted()).isEmpty();

        approvals.abandon(groupId);

        assertThat(approvals.closedUnstarted()).containsExactly(groupId);
        assertThatThrownBy(() -> approvals.complete("code", firstState)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RedirectQuery.of(approvals.start(groupId)).get("state"))
                .isNotBlank()
                .isNotEqualTo(firstState);
    }

    private static io.micrometer.core.instrument.MeterRegistry meters() {
        return new SimpleMeterRegistry();
    }

    private static PreparedSignature prepared(String documentId) {
        return new PreparedSignature(
                TestDocuments.hashComputed(documentId, "qsealc"), null, documentId.getBytes(UTF_8), digest(documentId));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static EparakstsProperties.Approval approval(int maxSize) {
        return new EparakstsProperties.Approval(maxSize, Duration.ofSeconds(2), "sha256");
    }

    private EparakstsClient client() {
        EparakstsProperties properties = TestProperties.of(
                URI.create("https://eidas-demo.eparaksts.lv"),
                "client",
                "secret",
                null,
                false,
                Duration.ofSeconds(5),
                new EparakstsProperties.Retry(3, Duration.ofMillis(500)),
                approval(3));
        return new EparakstsClient(HttpClient.newHttpClient(), properties, clock, new SimpleMeterRegistry());
    }
}
