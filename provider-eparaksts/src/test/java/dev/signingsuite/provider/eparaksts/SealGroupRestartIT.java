package dev.signingsuite.provider.eparaksts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.provider.runtime.BatchSigning;
import dev.signingsuite.provider.runtime.SigningIntents;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.sandbox.eparaksts.EparakstsSimulator;
import dev.signingsuite.testclock.TestClock;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restart of provider-eparaksts loses the approval groups it held in memory, not the documents:
 * each "instance" here is a new set of groups, signer and runtime over the same ledger, against the
 * simulator. A group that was never signed asks again; what its raw/batch answered, or may have
 * signed, is never asked again. An IT only because it shares the ITs' sandbox (its start is slow).
 */
class SealGroupRestartIT {

    private final Clock clock = TestClock.system();
    private final Map<String, SigningIntent> ledger = new HashMap<>();
    private final SigningIntents intents = new SigningIntents() {
        @Override
        public Map<String, SigningIntent> latest(Collection<String> documentIds) {
            Map<String, SigningIntent> found = new HashMap<>();
            documentIds.stream().filter(ledger::containsKey).forEach(id -> found.put(id, ledger.get(id)));
            return found;
        }

        @Override
        public void write(List<SigningIntent> written) {
            written.forEach(i -> ledger.put(i.documentId(), i));
        }

        @Override
        public void withdraw(List<SigningIntent> withdrawn) {
            withdrawn.forEach(i -> ledger.remove(i.documentId()));
        }
    };

    @BeforeEach
    void reset() {
        simulator().resetCounters();
    }

    @Test
    void documentsWhoseGroupWaitedWhenTheProviderStoppedWaitInANewGroupAndAreSignedOnceAfterItsApproval() {
        List<HashComputed> documents = documents("waited", 3);
        TestProvider first = new TestProvider(clock, intents, 3);
        assertThat(first.signing.signOrWait(documents).waiting()).hasSize(3);
        assertThat(first.groups.pending())
                .singleElement()
                .satisfies(g -> assertThat(g.state()).isEqualTo("WAITING"));

        TestProvider second = new TestProvider(clock, intents, 3);
        assertThat(second.signing.signOrWait(documents).waiting()).hasSize(3);
        second.approve();
        BatchSigning.Result signed = second.signing.signOrWait(documents);

        assertThat(signed.outcomes()).hasSize(3).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(simulator().approvals()).as("one approval, the new group's").hasSize(1);
        assertThat(simulator().batchSizes()).containsExactly(3);
        assertSignedOnce(signed);
    }

    @Test
    void aValueTheGroupReturnedIsPublishedFromTheLedgerAndALostAnswerIsNotAskedAgain() {
        List<HashComputed> documents = documents("returned", 3);
        TestProvider first = new TestProvider(clock, intents, 3);
        first.signing.signOrWait(documents);
        first.approve();
        assertThat(first.signing.signOrWait(documents).outcomes()).allMatch(SigningOutcome.Signed.class::isInstance);
        HashComputed lost = TestDocuments.hashComputed("lost-answer", "qsealc");
        intents.write(
                List.of(SigningIntent.started(lost, "eparaksts", 0, new byte[32], clock.instant(), clock.instant())));

        // The outcomes were not published before the stop: the records come again, to a new instance.
        TestProvider second = new TestProvider(clock, intents, 3);
        BatchSigning.Result again =
                second.signing.signOrWait(List.of(documents.get(0), documents.get(1), documents.get(2), lost));

        assertThat(again.outcomes().subList(0, 3)).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(again.outcomes().get(3)).isInstanceOfSatisfying(SigningOutcome.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.SIGNER_UNAVAILABLE);
            assertThat(failed.message()).contains("not asked again");
        });
        assertThat(simulator().approvals()).as("no new approval").hasSize(1);
        assertThat(simulator().batchSizes()).as("no second raw/batch").containsExactly(3);
        assertThat(second.groups.pending()).isEmpty();
    }

    @Test
    void documentsOfASignedGroupOutsideThePollThatSignedItArePublishedFromTheLedgerAfterARestart() {
        List<HashComputed> documents = documents("absent", 3);
        TestProvider first = new TestProvider(clock, intents, 3);
        first.signing.signOrWait(documents);
        first.approve();
        // Only the first document's record comes in the poll that makes the group's one call.
        assertThat(first.signing.signOrWait(documents.subList(0, 1)).outcomes())
                .singleElement()
                .isInstanceOf(SigningOutcome.Signed.class);

        // The provider stops before the others' records come: their values were only in its memory.
        TestProvider second = new TestProvider(clock, intents, 3);
        BatchSigning.Result again = second.signing.signOrWait(documents.subList(1, 3));

        assertThat(again.outcomes()).hasSize(2).allMatch(SigningOutcome.Signed.class::isInstance);
        assertThat(simulator().approvals()).as("the person is not asked again").hasSize(1);
        assertThat(simulator().batchSizes()).as("no second raw/batch").containsExactly(3);
        assertSignedOnce(again);
        assertThat(second.groups.pending()).isEmpty();
    }

    private static List<HashComputed> documents(String prefix, int count) {
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> TestDocuments.hashComputed(prefix + "-" + i, "qsealc"))
                .toList();
    }

    private static void assertSignedOnce(BatchSigning.Result result) {
        assertThat(result.outcomes())
                .allSatisfy(o -> assertThat(
                                simulator().signingLog().count(((SigningOutcome.Signed) o).dataToSignDigest()))
                        .as("signed once")
                        .isEqualTo(1));
    }

    private static EparakstsSimulator simulator() {
        return TestSandbox.get().eparaksts();
    }
}
