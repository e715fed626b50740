package dev.signingsuite.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The registry of the suite's topics under one configurable prefix. Every service names topics
 * through it, so a name is spelt in one place.
 *
 * <pre>{@code
 * Topics topics = Topics.withPrefix("signing");
 * topics.hashComputed(Provider.SMARTID).name(); // signing.hash-computed.smartid.v1
 * }</pre>
 */
public final class Topics {

    /** The prefix used unless configured otherwise. */
    public static final String DEFAULT_PREFIX = "signing";

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9._-]+");

    /**
     * A tenant that may have topics of its own: it becomes part of a topic name and of a Kafka
     * principal, so only what both accept unquoted, and no dot (a dot would make one tenant's topic
     * name a prefix of another's).
     */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /**
     * Partitions of every topic: at most this many instances of one consumer group share a stage's
     * work (deploy/kubernetes caps each KEDA ScaledObject there).
     */
    static final int PARTITIONS = 12;

    /**
     * Work in flight is kept a week: a stage that is down over a long weekend resumes where it
     * stopped, and Smart-ID sessions (minutes) and approvals waiting for a person (days at most) are
     * still there when their poller or provider comes back.
     */
    static final Duration WORK_RETENTION = Duration.ofDays(7);

    /**
     * Outcomes are read by back-office systems, possibly once a day and after their own outages:
     * twice the work retention.
     */
    static final Duration OUTCOME_RETENTION = Duration.ofDays(14);

    /** A trust-service outage ended the document; re-augmenting its kept value may come months later. */
    static final Duration KEPT_RETENTION = Duration.ofDays(90);

    /** A login callback matters while its login is open (minutes): its code is single-use anyway. */
    static final Duration LOGIN_RETENTION = Duration.ofHours(1);

    private final String prefix;

    private Topics(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("topic prefix must match [a-z0-9._-]+ but was '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    /** Topics under {@code prefix}, which must match {@code [a-z0-9._-]+}. */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix);
    }

    /** Topics under {@link #DEFAULT_PREFIX}. */
    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    /**
     * The dead-letter topic the Spring Cloud Stream Kafka binder uses for a topic and consumer group.
     */
    public static String deadLetter(String topicName, String group) {
        Checks.notBlank(topicName, "topicName");
        Checks.notBlank(group, "group");
        return "error." + topicName + "." + group;
    }

    /**
     * Finds the topic of a name under any valid prefix, e.g. {@code acme.document-failed.v1}. Lets a
     * reader infer the payload type without knowing the writer's prefix.
     */
    public static Optional<Topic<?>> resolve(String topicName) {
        if (topicName == null) {
            return Optional.empty();
        }
        String probe = DEFAULT_PREFIX + ".";
        for (Topic<?> topic : defaults().all()) {
            String suffix = topic.name().substring(probe.length());
            if (topicName.endsWith("." + suffix)) {
                String prefix = topicName.substring(0, topicName.length() - suffix.length() - 1);
                if (PREFIX.matcher(prefix).matches()) {
                    return withPrefix(prefix).byName(topicName);
                }
            }
        }
        return Optional.empty();
    }

    /** The prefix of every topic name. */
    public String prefix() {
        return prefix;
    }

    /** Back-office systems submit documents here; keyed by client reference. The bulk lane's {@link #intake(Lane)}. */
    public Topic<DocumentSubmitted> intake() {
        return intake(Lane.BULK);
    }

    /**
     * Each lane has its own intake, read by a consumer of its own (ADR 16): a topic partition is a
     * queue in write order, so a document a person waits for, put behind a bulk batch on one intake,
     * would wait for the whole batch before the gateway even saw it. The interactive intake takes
     * only documents whose signer's provider is of the interactive lane.
     */
    public Topic<DocumentSubmitted> intake(Lane lane) {
        return topic(laned("intake", lane), DocumentSubmitted.class, "back-office");
    }

    /**
     * Whether {@code tenant} can have topics of its own ({@link #tenantIntake}, {@link
     * #tenantOutcomes}): letters, digits, {@code -} and {@code _}, at most 100.
     */
    public static boolean canHaveOwnTopics(String tenant) {
        return tenant != null && TENANT.matcher(tenant).matches();
    }

    /**
     * Tenant {@code tenant}'s own intake, {@code <prefix>.intake.v1.<tenant>} (ADR 17): written by
     * that tenant's back office only, with the payload of {@link #intake()}.
     */
    public String tenantIntake(String tenant) {
        return tenantIntake(tenant, Lane.BULK);
    }

    /** Tenant {@code tenant}'s own intake of a lane: {@code <prefix>.intake.interactive.v1.<tenant>} for persons' documents. */
    public String tenantIntake(String tenant, Lane lane) {
        return intake(lane).name() + "." + requireOwnTopics(tenant);
    }

    /**
     * Tenant {@code tenant}'s own outcomes, {@code <prefix>.outcomes.v1.<tenant>} (ADR 23): a copy of
     * each {@link ContainerAssembled} and {@link DocumentFailed} of that tenant, written by the
     * gateway and read by that tenant's back office only. The records and their headers are those of
     * {@link #containerAssembled()} and {@link #documentFailed()} ({@code ce_type} tells them
     * apart); kept as long as the outcomes. Not in {@link #all()}: a deployment provisions one per
     * tenant.
     */
    public String tenantOutcomes(String tenant) {
        return tenantOutcomesPrefix() + requireOwnTopics(tenant);
    }

    /** What every {@link #tenantOutcomes} name starts with: {@code <prefix>.outcomes.v1.}. */
    public String tenantOutcomesPrefix() {
        return prefix + ".outcomes.v1.";
    }

    /** Retention of a {@link #tenantOutcomes} topic: that of the shared outcome topics. */
    public static Duration outcomeRetention() {
        return OUTCOME_RETENTION;
    }

    private static String requireOwnTopics(String tenant) {
        if (!canHaveOwnTopics(tenant)) {
            throw new IllegalArgumentException("tenant '" + tenant
                    + "' cannot have topics of its own (letters, digits, - and _ only, at most 100)");
        }
        return tenant;
    }

    /** The bulk lane's {@link #documentReceived(Lane)}. */
    public Topic<DocumentReceived> documentReceived() {
        return documentReceived(Lane.BULK);
    }

    /** Each lane has its own topic, read by hash-service's consumers of that lane (ADR 16). */
    public Topic<DocumentReceived> documentReceived(Lane lane) {
        return topic(laned("document-received", lane), DocumentReceived.class, "gateway");
    }

    /** One topic per provider, so each provider consumes only its own work. */
    public Topic<HashComputed> hashComputed(Provider provider) {
        Checks.notNull(provider, "provider");
        return topic("hash-computed." + provider.id(), HashComputed.class, "hash-service");
    }

    public Topic<SignatureRequested> signatureRequested() {
        return topic("signature-requested", SignatureRequested.class, "provider-<id>");
    }

    /** The bulk lane's {@link #signatureReturned(Lane)}. */
    public Topic<SignatureReturned> signatureReturned() {
        return signatureReturned(Lane.BULK);
    }

    /** A provider writes to its {@link Provider#lane() lane}'s topic. */
    public Topic<SignatureReturned> signatureReturned(Lane lane) {
        return topic(laned("signature-returned", lane), SignatureReturned.class, "provider-<id>");
    }

    /** The bulk lane's {@link #signatureAugmented(Lane)}. */
    public Topic<SignatureAugmented> signatureAugmented() {
        return signatureAugmented(Lane.BULK);
    }

    /** augmentation-service answers on the lane it read the signature from. */
    public Topic<SignatureAugmented> signatureAugmented(Lane lane) {
        return topic(laned("signature-augmented", lane), SignatureAugmented.class, "augmentation-service");
    }

    public Topic<ContainerAssembled> containerAssembled() {
        return topic("container-assembled", ContainerAssembled.class, "container-service", OUTCOME_RETENTION);
    }

    public Topic<DocumentFailed> documentFailed() {
        return topic("document-failed", DocumentFailed.class, "any stage", OUTCOME_RETENTION);
    }

    /** The bulk lane's {@link #augmentationLedger(Lane)}. */
    public Topic<StageOutcomeRecorded> augmentationLedger() {
        return augmentationLedger(Lane.BULK);
    }

    /**
     * augmentation-service's ledger: one entry per document and attempt it answered, written with the
     * answer, so that a duplicate input is dropped (ADR 11). Kept as long as work is; compacted. One
     * per lane: its partitions mirror the lane's input topic, and an interactive consumer that is
     * assigned a partition must not read a bulk backlog's entries first.
     */
    public Topic<StageOutcomeRecorded> augmentationLedger(Lane lane) {
        return ledger("augmentation", lane);
    }

    /** The bulk lane's {@link #containerLedger(Lane)}. */
    public Topic<StageOutcomeRecorded> containerLedger() {
        return containerLedger(Lane.BULK);
    }

    /** container-service's ledger, like {@link #augmentationLedger(Lane)}. */
    public Topic<StageOutcomeRecorded> containerLedger(Lane lane) {
        return ledger("container", lane);
    }

    /**
     * The signature values of documents that ended failed because a trust service stayed down past
     * the parking deadline, unchanged, so that they can be augmented again later without a second
     * signature. Keyed by document id; compacted with a retention of {@link #KEPT_RETENTION}.
     */
    public Topic<SignatureReturned> signaturesKept() {
        return new Topic<>(
                prefix + ".signatures-kept.v1",
                SignatureReturned.class,
                "augmentation-service",
                PARTITIONS,
                KEPT_RETENTION,
                true);
    }

    /**
     * The providers' ledger of remote signatures (compacted, keyed by document id): kept as long as
     * the work topics, because a {@code HashComputed} redelivered within their retention must still
     * find its entry.
     */
    public Topic<SigningIntent> signingIntents() {
        return new Topic<>(
                prefix + ".signing-intents.v1", SigningIntent.class, "provider-<id>", PARTITIONS, WORK_RETENTION, true);
    }

    /**
     * The gateway's answer to an intake record that reuses a {@code clientReference} for other
     * content; keyed by {@link IntakeRejected#keyOf}, kept as long as the outcomes.
     */
    public Topic<IntakeRejected> intakeRejected() {
        return topic("intake-rejected", IntakeRejected.class, "gateway", OUTCOME_RETENTION);
    }

    /**
     * The gateway's announcement that every document of a batch has its outcome (ADR 27); keyed by
     * {@link BatchCompleted#keyOf}, kept as long as the outcomes.
     */
    public Topic<BatchCompleted> batchCompleted() {
        return topic("batch-completed", BatchCompleted.class, "gateway", OUTCOME_RETENTION);
    }

    /**
     * The gateway's announcement that a tenant cancelled a batch (ADR 31); keyed by {@link
     * BatchCancelled#keyOf}, compacted and kept as long as work is: every document of the batch still
     * in flight is younger, and a stage reads it whole at start.
     */
    public Topic<BatchCancelled> batchCancelled() {
        return new Topic<>(
                prefix + ".batch-cancelled.v1", BatchCancelled.class, "gateway", PARTITIONS, WORK_RETENTION, true);
    }

    /**
     * The one-time signing login's callbacks as the person's browser brought them to the gateway
     * (ADR 28), keyed by {@code state}; every provider-onetime instance reads all of them (a consumer
     * group of its own each), and the one holding the state completes the login.
     */
    public Topic<LoginCallbackReceived> loginCallbacks() {
        return topic("login-callbacks", LoginCallbackReceived.class, "gateway", LOGIN_RETENTION);
    }

    /** Every topic, in pipeline order, each lane's beside the other. */
    public List<Topic<?>> all() {
        List<Topic<?>> all = new ArrayList<>();
        eachLane(all, this::intake);
        eachLane(all, this::documentReceived);
        for (Provider provider : Provider.values()) {
            all.add(hashComputed(provider));
        }
        all.add(signatureRequested());
        eachLane(all, this::signatureReturned);
        eachLane(all, this::signatureAugmented);
        all.add(containerAssembled());
        all.add(documentFailed());
        eachLane(all, this::augmentationLedger);
        eachLane(all, this::containerLedger);
        all.add(signaturesKept());
        all.add(signingIntents());
        all.add(intakeRejected());
        all.add(batchCompleted());
        all.add(batchCancelled());
        all.add(loginCallbacks());
        return List.copyOf(all);
    }

    /** The topic with this exact name under this registry's prefix. */
    public Optional<Topic<?>> byName(String name) {
        return all().stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    private static void eachLane(List<Topic<?>> all, Function<Lane, Topic<?>> topic) {
        for (Lane lane : Lane.values()) {
            all.add(topic.apply(lane));
        }
    }

    private Topic<StageOutcomeRecorded> ledger(String stage, Lane lane) {
        return new Topic<>(
                prefix + "." + laned(stage + "-ledger", lane) + ".v1",
                StageOutcomeRecorded.class,
                stage + "-service",
                PARTITIONS,
                WORK_RETENTION,
                true);
    }

    private static String laned(String event, Lane lane) {
        Checks.notNull(lane, "lane");
        return event + lane.topicInfix();
    }

    private <T> Topic<T> topic(String event, Class<T> payloadType, String writer) {
        return topic(event, payloadType, writer, WORK_RETENTION);
    }

    private <T> Topic<T> topic(String event, Class<T> payloadType, String writer, Duration retention) {
        return new Topic<>(prefix + "." + event + ".v1", payloadType, writer, PARTITIONS, retention);
    }
}
