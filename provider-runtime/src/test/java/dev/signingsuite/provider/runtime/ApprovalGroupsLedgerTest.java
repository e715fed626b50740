package dev.signingsuite.provider.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import dev.signingsuite.provider.runtime.approval.GroupAuthority;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A group's one call signs documents whose records are not in the poll making it: their entries go
 * to the ledger too, so that a restart before their records come again neither loses their values
 * nor has them approved and signed a second time.
 */
class ApprovalGroupsLedgerTest {

    private final MutableClock clock = TestClock.startingAt(Instant.parse("2026-04-01T08:00:00Z"));
    private final MemorySigningIntents ledger = new MemorySigningIntents();
    private final ApprovalGroups<String> groups = new ApprovalGroups<>(
            "test", new Grants(), Duration.ofSeconds(1), clock, new SimpleMeterRegistry(), () -> ledger);

    @Test
    void theCallWritesStartedForTheAbsentDocumentsAndTheirValuesAfterIt() {
        String groupId = approvedGroupOf("a", "b", "c");

        groups.calling(groupId, List.of("a"));

        assertThat(ledger.latest(List.of("a", "b", "c")))
                .as("the runtime writes the poll's own entries; the group those of the others")
                .containsOnlyKeys("b", "c");
        assertThat(ledger.latest.get("b").status()).isEqualTo(SigningIntent.Status.STARTED);
        assertThat(ledger.latest.get("c").attempt())
                .as("the attempt the document waited with")
                .isEqualTo(2);
        assertThat(ledger.latest.get("b").dataToSignDigest()).isEqualTo(digest("b"));

        groups.signed(groupId, Map.of("a", value("a"), "b", value("b")));

        assertThat(ledger.latest.get("b").status()).isEqualTo(SigningIntent.Status.RETURNED);
        assertThat(ledger.latest.get("b").signatureValue()).isEqualTo(value("b"));
        assertThat(ledger.latest.get("c").status())
                .as("no value came for c: the call may have signed it, so it is never asked again")
                .isEqualTo(SigningIntent.Status.STARTED);
    }

    @Test
    void aCallThatFailedWithoutSigningWithdrawsTheEntries() {
        String groupId = approvedGroupOf("x", "y");

        groups.calling(groupId, List.of("x"));
        groups.callFailed(groupId);

        assertThat(ledger.latest(List.of("x", "y"))).isEmpty();
        assertThat(ledger.written).extracting(SigningIntent::documentId).containsExactly("y");
    }

    @Test
    void documentsOfAGroupThatAnotherThreadDroppedWaitAgainInsteadOfFailing() {
        String groupId = approvedGroupOf("p", "q");
        // Thread A's call was refused (token expired) and dropped the group; thread B, which held
        // q's record and waited for A's call, now asks for q's answer.
        groups.drop(groupId);

        assertThatThrownBy(() -> groups.answers(groupId, List.of(prepared("q")), "no value"))
                .as("nothing was signed for q: it waits for a new approval rather than ending failed")
                .isInstanceOf(SignerWaits.class);
        assertThat(groups.held("q"))
                .as("q is in no group until its record comes again")
                .isEmpty();
    }

    @Test
    void aSignedGroupAnswersWithEachValueAndFailsOnlyADocumentTheCallLeftUnsigned() {
        String groupId = approvedGroupOf("r", "s");
        groups.calling(groupId, List.of("r"));
        groups.signed(groupId, Map.of("r", value("r")));

        List<Returned> answers = groups.answers(groupId, List.of(prepared("r"), prepared("s")), "no value");

        assertThat(answers.get(0))
                .isInstanceOfSatisfying(
                        Returned.Value.class, v -> assertThat(v.value()).isEqualTo(value("r")));
        assertThat(answers.get(1))
                .as("the call may have signed s: it is never asked again")
                .isEqualTo(new Returned.Failed(FailureReason.SIGNATURE_INVALID, "no value"));
    }

    @Test
    void cancelledDocumentsLeaveTheirUnapprovedGroupAndAnEmptiedGroupEndsThePersonsApproval() {
        String approved = approvedGroupOf("m");
        groups.await("seal-2", "sha256", 3, prepared("k1"));
        groups.await("seal-2", "sha256", 3, prepared("k2"));
        String groupId = groups.held("k1").orElseThrow().groupId();
        String state = groups.start(groupId).getQuery().replaceFirst(".*state=([^&]*).*", "$1");
        assertThat(groups.issued(state)).isTrue();

        groups.cancelled(List.of("k1", "m"));

        assertThat(groups.held("k1")).isEmpty();
        assertThat(groups.held("k2")).isPresent();
        assertThat(groups.held("m"))
                .as("an approved group's call may be made already")
                .isPresent();
        groups.cancelled(List.of("k2"));
        assertThat(groups.held("k2")).isEmpty();
        assertThat(groups.issued(state))
                .as("the person's login for the emptied group ended")
                .isFalse();
        assertThat(groups.grant(approved)).isPresent();
    }

    @Test
    void aGroupThePersonRefusedIsDroppedAndEachDocumentIsToldWhyOnce() {
        groups.await("device-1", "sha256", 3, prepared("d1"));
        groups.await("device-1", "sha256", 3, prepared("d2"));
        String groupId = groups.held("d1").orElseThrow().groupId();
        String state = groups.start(groupId).getQuery().replaceFirst(".*state=([^&]*).*", "$1");
        assertThat(groups.subjectOf(state)).contains("device-1");

        assertThat(groups.refused(state, "wrong PIN")).isTrue();

        assertThat(groups.held("d1")).isEmpty();
        assertThat(groups.pending()).isEmpty();
        assertThat(groups.refusal("d1")).contains("wrong PIN");
        assertThat(groups.refusal("d1")).as("told once").isEmpty();
        assertThat(groups.refusal("d2")).contains("wrong PIN");
        assertThat(groups.refused(state, "again")).as("a spent state").isFalse();
    }

    private String approvedGroupOf(String... documentIds) {
        for (String id : documentIds) {
            groups.await("seal-1", "sha256", documentIds.length, prepared(id), id.equals("c") ? 2 : 0);
        }
        String groupId = groups.pending().get(0).id();
        URI approval = groups.start(groupId);
        String state = approval.getQuery().replaceFirst(".*state=([^&]*).*", "$1");
        groups.complete("code", state);
        assertThat(groups.grant(groupId)).contains("grant-for-code");
        return groupId;
    }

    private static PreparedSignature prepared(String documentId) {
        HashComputed document = SampleEvents.hashComputed(documentId, Provider.CSC);
        return new PreparedSignature(document, null, documentId.getBytes(UTF_8), digest(documentId));
    }

    private static byte[] digest(String documentId) {
        return ("digest-" + documentId).getBytes(UTF_8);
    }

    private static byte[] value(String documentId) {
        return ("value-" + documentId).getBytes(UTF_8);
    }

    /** A service whose approval page hands the state back and whose grants last an hour. */
    private final class Grants implements GroupAuthority<String> {

        @Override
        public URI approvalUrl(Request request) {
            return URI.create("https://service.test/approve?state=" + request.state());
        }

        @Override
        public String exchange(String code, String verifier) {
            return "grant-for-" + code;
        }

        @Override
        public Instant expiresAt(String grant) {
            return clock.instant().plus(Duration.ofHours(1));
        }
    }
}
