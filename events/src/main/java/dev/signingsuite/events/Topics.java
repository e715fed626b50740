package dev.signingsuite.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** Back-office systems submit documents here; keyed by client reference. */
    public Topic<DocumentSubmitted> intake() {
        return topic("intake", DocumentSubmitted.class, "back-office");
    }

    public Topic<DocumentReceived> documentReceived() {
        return topic("document-received", DocumentReceived.class, "gateway");
    }

    /** One topic per provider, so each provider consumes only its own work. */
    public Topic<HashComputed> hashComputed(Provider provider) {
        Checks.notNull(provider, "provider");
        return topic("hash-computed." + provider.id(), HashComputed.class, "hash-service");
    }

    public Topic<SignatureRequested> signatureRequested() {
        return topic("signature-requested", SignatureRequested.class, "provider-<id>");
    }

    public Topic<SignatureReturned> signatureReturned() {
        return topic("signature-returned", SignatureReturned.class, "provider-<id>");
    }

    public Topic<SignatureAugmented> signatureAugmented() {
        return topic("signature-augmented", SignatureAugmented.class, "augmentation-service");
    }

    public Topic<ContainerAssembled> containerAssembled() {
        return topic("container-assembled", ContainerAssembled.class, "container-service", OUTCOME_RETENTION);
    }

    public Topic<DocumentFailed> documentFailed() {
        return topic("document-failed", DocumentFailed.class, "any stage", OUTCOME_RETENTION);
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
     * The signature values of documents that ended failed because a trust service stayed down past
     * the parking deadline, unchanged, so that they can be augmented again later without a second
     * signature. Keyed by document id; compacted with a retention of {@link #KEPT_RETENTION}.
     */
    public Topic<SignatureReturned> signaturesKept() {
        return topic("signatures-kept", SignatureReturned.class, "augmentation-service", KEPT_RETENTION);
    }

    /**
     * The gateway's answer to an intake record that reuses a {@code clientReference} for other
     * content; keyed by {@link IntakeRejected#keyOf}, kept as long as the outcomes.
     */
    public Topic<IntakeRejected> intakeRejected() {
        return topic("intake-rejected", IntakeRejected.class, "gateway", OUTCOME_RETENTION);
    }

    /** Every topic, in pipeline order. */
    public List<Topic<?>> all() {
        List<Topic<?>> all = new ArrayList<>();
        all.add(intake());
        all.add(documentReceived());
        for (Provider provider : Provider.values()) {
            all.add(hashComputed(provider));
        }
        all.addAll(List.of(
                signatureRequested(),
                signatureReturned(),
                signatureAugmented(),
                containerAssembled(),
                documentFailed(),
                signaturesKept()));
        all.add(signingIntents());
        all.add(intakeRejected());
        return List.copyOf(all);
    }

    /** The topic with this exact name under this registry's prefix. */
    public Optional<Topic<?>> byName(String name) {
        return all().stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    private <T> Topic<T> topic(String event, Class<T> payloadType, String writer) {
        return topic(event, payloadType, writer, WORK_RETENTION);
    }

    private <T> Topic<T> topic(String event, Class<T> payloadType, String writer, Duration retention) {
        return new Topic<>(prefix + "." + event + ".v1", payloadType, writer, PARTITIONS, retention);
    }
}
