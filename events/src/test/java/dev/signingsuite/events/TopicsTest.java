package dev.signingsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    private final Topics topics = Topics.withPrefix(Topics.DEFAULT_PREFIX);

    @Test
    void namesEveryTopic() {
        assertThat(topics.all())
                .extracting(Topic::name)
                .containsExactly(
                        "signing.intake.v1",
                        "signing.intake.interactive.v1",
                        "signing.document-received.v1",
                        "signing.document-received.interactive.v1",
                        "signing.hash-computed.smartid.v1",
                        "signing.hash-computed.eparaksts.v1",
                        "signing.hash-computed.csc.v1",
                        "signing.hash-computed.onetime.v1",
                        "signing.signature-requested.v1",
                        "signing.signature-returned.v1",
                        "signing.signature-returned.interactive.v1",
                        "signing.signature-augmented.v1",
                        "signing.signature-augmented.interactive.v1",
                        "signing.container-assembled.v1",
                        "signing.document-failed.v1",
                        "signing.augmentation-ledger.v1",
                        "signing.augmentation-ledger.interactive.v1",
                        "signing.container-ledger.v1",
                        "signing.container-ledger.interactive.v1",
                        "signing.signatures-kept.v1",
                        "signing.signing-intents.v1",
                        "signing.intake-rejected.v1",
                        "signing.batch-completed.v1",
                        "signing.batch-cancelled.v1",
                        "signing.login-callbacks.v1");
    }

    @Test
    void bulkKeepsTheNamesItHadAndInteractiveHasTopicsOfItsOwn() {
        assertThat(topics.documentReceived(Lane.BULK)).isEqualTo(topics.documentReceived());
        assertThat(topics.signatureReturned(Lane.BULK).name()).isEqualTo("signing.signature-returned.v1");
        assertThat(topics.signatureAugmented(Lane.BULK).name()).isEqualTo("signing.signature-augmented.v1");
        assertThat(topics.augmentationLedger(Lane.BULK).name()).isEqualTo("signing.augmentation-ledger.v1");
        assertThat(topics.documentReceived(Lane.INTERACTIVE).name())
                .isEqualTo("signing.document-received.interactive.v1");
        assertThat(topics.containerLedger(Lane.INTERACTIVE).compacted()).isTrue();
        assertThat(topics.signatureAugmented(Lane.INTERACTIVE).writer()).isEqualTo("augmentation-service");
    }

    @Test
    void resolvesEachLanesTopicToItsPayloadType() {
        assertThat(Topics.resolve("acme.document-received.interactive.v1"))
                .get()
                .isEqualTo(Topics.withPrefix("acme").documentReceived(Lane.INTERACTIVE));
        assertThat(Topics.resolve("signing.signature-returned.interactive.v1"))
                .get()
                .extracting(Topic::payloadType)
                .isEqualTo(SignatureReturned.class);
        assertThat(Topics.resolve("signing.signature-augmented.interactive.v1"))
                .get()
                .extracting(Topic::payloadType)
                .isEqualTo(SignatureAugmented.class);
        assertThat(Topics.resolve("signing.container-ledger.interactive.v1"))
                .get()
                .extracting(Topic::payloadType)
                .isEqualTo(StageOutcomeRecorded.class);
        // The bulk names still resolve to the bulk topics, not to an interactive one.
        assertThat(Topics.resolve("acme.signature-returned.v1"))
                .get()
                .isEqualTo(Topics.withPrefix("acme").signatureReturned(Lane.BULK));
    }

    @Test
    void onlySmartIdIsInteractive() {
        assertThat(Provider.SMARTID.lane()).isEqualTo(Lane.INTERACTIVE);
        assertThat(Provider.EPARAKSTS.lane()).isEqualTo(Lane.BULK);
        assertThat(Provider.CSC.lane()).isEqualTo(Lane.BULK);
    }

    @Test
    void typesAndWriters() {
        assertThat(topics.intake().payloadType()).isEqualTo(DocumentSubmitted.class);
        assertThat(topics.intake().writer()).isEqualTo("back-office");
        assertThat(topics.hashComputed(Provider.CSC).payloadType()).isEqualTo(HashComputed.class);
        assertThat(topics.documentReceived().writer()).isEqualTo("gateway");
        assertThat(topics.documentFailed().writer()).isEqualTo("any stage");
    }

    @Test
    void honoursThePrefix() {
        Topics acme = Topics.withPrefix("acme.prod-1");
        assertThat(acme.containerAssembled().name()).isEqualTo("acme.prod-1.container-assembled.v1");
        assertThat(acme.byName("acme.prod-1.signature-returned.v1"))
                .get()
                .extracting(Topic::payloadType)
                .isEqualTo(SignatureReturned.class);
        assertThat(acme.byName("signing.signature-returned.v1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Signing", "a b", "a/b"})
    void rejectsBadPrefixes(String prefix) {
        assertThatThrownBy(() -> Topics.withPrefix(prefix)).hasMessageStartingWith("topic prefix");
    }

    @Test
    void resolvesTopicsUnderAnyPrefix() {
        assertThat(Topics.resolve("tenant-x.staging.hash-computed.eparaksts.v1"))
                .get()
                .extracting(Topic::payloadType)
                .isEqualTo(HashComputed.class);
        assertThat(Topics.resolve("signing.document-failed.v1")).get().isEqualTo(topics.documentFailed());
        assertThat(Topics.resolve("document-failed.v1")).isEmpty();
        assertThat(Topics.resolve("signing.document-failed.v2")).isEmpty();
        assertThat(Topics.resolve("Upper.document-failed.v1")).isEmpty();
    }

    @Test
    void deadLetterFollowsTheBinder() {
        assertThat(Topics.deadLetter("signing.signature-returned.v1", "augmentation-service"))
                .isEqualTo("error.signing.signature-returned.v1.augmentation-service");
    }

    @Test
    void outcomesAreKeptLongerThanWorkInFlightAndEveryTopicHasTheSamePartitions() {
        Topics topics = Topics.defaults();

        assertThat(topics.all())
                .allSatisfy(topic -> assertThat(topic.partitions()).isEqualTo(12));
        assertThat(topics.containerAssembled().retention()).isEqualTo(java.time.Duration.ofDays(14));
        assertThat(topics.documentFailed().retention()).isEqualTo(java.time.Duration.ofDays(14));
        assertThat(topics.signatureRequested().retention()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(topics.signaturesKept().retention()).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(topics.loginCallbacks().retention()).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(topics.signaturesKept().payloadType()).isEqualTo(SignatureReturned.class);
    }

    @Test
    void theLedgersKeptValuesAndCancellationsAreCompacted() {
        assertThat(topics.all())
                .filteredOn(Topic::compacted)
                .containsExactlyInAnyOrder(
                        topics.augmentationLedger(),
                        topics.augmentationLedger(Lane.INTERACTIVE),
                        topics.containerLedger(),
                        topics.containerLedger(Lane.INTERACTIVE),
                        topics.signaturesKept(),
                        topics.signingIntents(),
                        topics.batchCancelled());
        assertThat(topics.signingIntents().retention())
                .isEqualTo(topics.hashComputed(Provider.CSC).retention());
        Class<?> payload =
                Topics.resolve("acme.signing-intents.v1").orElseThrow().payloadType();
        assertThat(payload).isEqualTo(SigningIntent.class);
    }

    @Test
    void refusesATopicWithoutPartitionsOrRetention() {
        assertThatThrownBy(() -> new Topic<>("t", String.class, "w", 0, java.time.Duration.ofDays(1)))
                .hasMessageContaining("partitions");
        assertThatThrownBy(() -> new Topic<>("t", String.class, "w", 1, java.time.Duration.ZERO))
                .hasMessageContaining("retention");
    }

    @Test
    void aTenantsOwnTopicsSitBesideTheSharedOnesAndRefuseNamesThatCouldOverlap() {
        assertThat(Topics.withPrefix("acme").tenantIntake("demo")).isEqualTo("acme.intake.v1.demo");
        assertThat(Topics.withPrefix("acme").tenantIntake("demo", Lane.INTERACTIVE))
                .isEqualTo("acme.intake.interactive.v1.demo");
        // No tenant's bulk intake is another's interactive one, nor the other way round.
        assertThat(topics.tenantIntake("interactive"))
                .isNotEqualTo(topics.intake(Lane.INTERACTIVE).name());
        assertThat(Topics.withPrefix("acme").tenantOutcomes("demo")).isEqualTo("acme.outcomes.v1.demo");
        assertThat(topics.tenantOutcomes("globex-2")).startsWith(topics.tenantOutcomesPrefix());
        assertThat(Topics.outcomeRetention())
                .isEqualTo(topics.containerAssembled().retention());
        // A dot would make tenant a's topic name a prefix of tenant a.b's.
        for (String bad : new String[] {"a.b", "a:b", "", "x".repeat(101)}) {
            assertThat(Topics.canHaveOwnTopics(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> topics.tenantOutcomes(bad)).hasMessageContaining("letters, digits");
        }
        assertThat(Topics.canHaveOwnTopics(null)).isFalse();
    }
}
