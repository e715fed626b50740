package dev.signingsuite.standalone.bench;

import java.util.List;
import java.util.Locale;

/**
 * Which part of the bench's single process a Java thread works for, told by its name: the
 * sandbox, the bench itself, the baseline loop, the broker, or one of the suite's stages.
 */
final class ThreadGroups {

    static final String SANDBOX = "sandbox";
    static final String BENCH = "bench";
    static final String BASELINE = "baseline";
    static final String BROKER = "broker";
    static final String OTHER = "other";

    /** Groups whose CPU is not the suite's. */
    static final List<String> NOT_THE_SUITE = List.of(SANDBOX, BENCH, BASELINE);

    /** Part of the thread names of the bench's own Kafka clients (the seal's intake producer). */
    static final String SEAL_CLIENT_FRAGMENT = "| seal-";

    /** Thread name prefix of the baseline loop's workers. */
    static final String BASELINE_PREFIX = "baseline-loop-";

    private ThreadGroups() {}

    /**
     * A name that speaks of a service (a producer's client id, a consumer group) belongs to its
     * stage; the first match wins.
     */
    private static final List<Rule> SERVICES = List.of(
            new Rule("hash", "hash-service"),
            new Rule("augmentation", "augmentation-service"),
            new Rule("container", "container-service"),
            new Rule("provider", "provider-"),
            new Rule("gateway", "gateway"));

    /**
     * A consumer without a dead-letter topic names only its topic (the Smart-ID poller reads every
     * provider's {@code SignatureRequested}).
     */
    private static final List<Rule> TOPICS = List.of(
            new Rule("hash", "document-received"),
            new Rule("provider", "hash-computed", "signature-requested"),
            new Rule("augmentation", "signature-returned"),
            new Rule("container", "signature-augmented"),
            new Rule("gateway", "intake"));

    /** A binder consumer's thread: {@code KafkaConsumerDestination{...dlqName='error.<topic>.<group>'}...}. */
    private static final String DEAD_LETTERS = "dlqname='error.";

    /** The in-process KRaft server's own threads (its request handlers, network, log and raft). */
    private static final List<String> BROKER_PREFIXES = List.of(
            "data-plane-kafka",
            "kafka-request-handler",
            "kafka-network-thread",
            "kafka-scheduler",
            "kafka-log-cleaner",
            "kafka-raft",
            "raft-",
            "quorum-controller",
            "controller-",
            "broker-",
            "group-coordinator",
            "share-coordinator",
            "transaction-coordinator",
            "txnmarkersenderthread",
            "expirationreaper",
            "replicafetcherthread",
            "replicaalterlogdirsthread",
            "logdirfailurehandler",
            "addpartitionstotxnsenderthread",
            "kafka-",
            "executor-");

    private record Rule(String stage, String... fragments) {}

    static String groupOf(String threadName) {
        String name = threadName.toLowerCase(Locale.ROOT);
        if (name.startsWith("sandbox-") || name.equals("http-dispatcher") || name.startsWith("smartid-simulator")) {
            return SANDBOX;
        }
        if (name.startsWith(BASELINE_PREFIX)) {
            return BASELINE;
        }
        if (name.equals("main") || name.equals(CpuMeter.SAMPLER_THREAD) || name.contains(SEAL_CLIENT_FRAGMENT)) {
            return BENCH;
        }
        int deadLetters = name.indexOf(DEAD_LETTERS);
        if (deadLetters >= 0) {
            // The group is the dead-letter topic's last part; topics end in .v<major>, groups have no dots.
            int end = name.indexOf('\'', deadLetters + DEAD_LETTERS.length());
            String topicAndGroup = name.substring(deadLetters + DEAD_LETTERS.length(), end < 0 ? name.length() : end);
            String stage = match(SERVICES, topicAndGroup.substring(topicAndGroup.lastIndexOf('.') + 1));
            if (stage != null) {
                return stage;
            }
        }
        String stage = match(SERVICES, name);
        if (stage == null) {
            stage = match(TOPICS, name);
        }
        if (stage != null) {
            return stage;
        }
        for (String prefix : BROKER_PREFIXES) {
            if (name.startsWith(prefix)) {
                return BROKER;
            }
        }
        return OTHER;
    }

    private static String match(List<Rule> rules, String name) {
        for (Rule rule : rules) {
            for (String fragment : rule.fragments()) {
                if (name.contains(fragment)) {
                    return rule.stage();
                }
            }
        }
        return null;
    }
}
