package dev.signingsuite.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The suite-wide meters that do not belong to one stage (DESIGN.md §7), named in one place. Tags
 * are low-cardinality by construction: enum names, topic and group names, never ids.
 */
public final class SigningMeters {

    /** Timer with histogram: from intake to the document's terminal event; tag outcome=assembled|failed. */
    public static final String DOCUMENT_DURATION = "signing.document.duration";

    /** Counter of terminal failures; tags stage and reason (the {@code DocumentFailed} enums, lower case). */
    public static final String DOCUMENT_FAILURES = "signing.document.failures";

    /** Counter of records sent to a dead-letter topic; tags topic (the original) and group. */
    public static final String DEAD_LETTERS = "signing.dead.letters";

    /** Timer with histogram: one stage's work on a document (a provider's: on a call); tag stage. */
    public static final String STAGE_DURATION = "signing.stage.duration";

    /** Distribution with histogram: documents per remote signing call; tag provider. */
    public static final String BATCH_SIZE = "signing.provider.batch.size";

    private SigningMeters() {}

    public static Timer stageDuration(MeterRegistry meters, String stage) {
        return Timer.builder(STAGE_DURATION)
                .tag("stage", stage)
                .publishPercentileHistogram()
                .register(meters);
    }

    public static DistributionSummary batchSize(MeterRegistry meters, String provider) {
        return DistributionSummary.builder(BATCH_SIZE)
                .tag("provider", provider)
                .publishPercentileHistogram()
                .register(meters);
    }

    static Timer documentDuration(MeterRegistry meters, String outcome) {
        return Timer.builder(DOCUMENT_DURATION)
                .description("Time from a document's intake to its terminal event")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }

    static Counter failures(MeterRegistry meters, String stage, String reason) {
        return Counter.builder(DOCUMENT_FAILURES)
                .description("Documents that ended as DocumentFailed")
                .tag("stage", stage)
                .tag("reason", reason)
                .register(meters);
    }

    /** For stages that dead-letter records themselves rather than through the binder. */
    public static Counter deadLetters(MeterRegistry meters, String topic, String group) {
        return Counter.builder(DEAD_LETTERS)
                .description("Records sent to a dead-letter topic")
                .tag("topic", topic)
                .tag("group", group)
                .register(meters);
    }

    /** Timer: one HTTP call of a provider's client to its remote service; tags provider, operation, outcome. */
    public static final String PROVIDER_REQUESTS = "signing.provider.requests";

    /**
     * @param operation the remote method or endpoint, a fixed name ({@code signatures/signHash}), never a URL
     * @param outcome {@code success}, {@code unauthorized}, {@code client_error}, {@code server_error}, {@code
     *     io_error}, or what the client reports beyond those ({@code unreadable_answer}, {@code circuit_open})
     */
    public static Timer providerRequests(MeterRegistry meters, String provider, String operation, String outcome) {
        return Timer.builder(PROVIDER_REQUESTS)
                .tag("provider", provider)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(meters);
    }
}
