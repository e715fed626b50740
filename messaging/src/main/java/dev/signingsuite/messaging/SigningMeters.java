package dev.signingsuite.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.ToDoubleFunction;

/**
 * Every meter the suite exports under its own name (DESIGN.md §7), named in one place: dashboards
 * and alert rules in deploy/ query exactly these (the standalone's ObservabilityIT proves it). Tags
 * are low-cardinality by construction: enum names, stage, provider, topic and group names, never ids.
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

    /** Counter of documents a stage handled; tags stage and outcome (the stage's own words, and failed). */
    public static final String DOCUMENTS = "signing.documents";

    /** Timer: one call to a remote signer's API; tags provider, operation (the endpoint) and outcome. */
    public static final String PROVIDER_REQUESTS = "signing.provider.requests";

    /** Counter of authorisations (a CSC SAD, say) that expired before use and were given again; tag provider. */
    public static final String PROVIDER_REAUTHORISATIONS = "signing.provider.reauthorisations";

    /** Gauge, 1 or 0: whether the authorisation a person gave the provider is usable; tag provider. */
    public static final String PROVIDER_AUTHORISATION_VALID = "signing.provider.authorisation.valid";

    /** Gauge: groups of documents waiting for a person's approval (eParaksts approval groups); tag provider. */
    public static final String PROVIDER_APPROVALS_WAITING = "signing.provider.approvals.waiting";

    /** Gauge: remote sessions waiting for a person (Smart-ID). */
    public static final String PROVIDER_SESSIONS_OPEN = "signing.provider.sessions.open";

    /** Gauge: seconds until the seal certificate expires; tag provider. */
    public static final String SEAL_CERTIFICATE_EXPIRY = "signing.seal.certificate.expiry";

    /** Timer with histogram: DSS validation of an assembled container. */
    public static final String VALIDATION_DURATION = "signing.validation.duration";

    /** Timer: one time-stamp request to one configured TSA; tags outcome, endpoint. */
    public static final String TSP_REQUESTS = "signing.tsp.requests";

    /** Timer: one OCSP request (after a cache miss) to one responder; tags outcome, endpoint. */
    public static final String OCSP_REQUESTS = "signing.ocsp.requests";

    /** Counter of OCSP cache look-ups; tag result=hit|miss. */
    public static final String OCSP_CACHE = "signing.ocsp.cache";

    private SigningMeters() {}

    /** Gauge: documents parked by a stage ({@code stage}). */
    public static final String PARKED_DOCUMENTS = "signing.parked.documents";

    /** Gauge: seconds since the oldest parked document's record was written ({@code stage}). */
    public static final String PARKED_OLDEST_AGE = "signing.parked.oldest.age";

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

    public static Counter documents(MeterRegistry meters, String stage, String outcome) {
        return meters.counter(DOCUMENTS, "stage", stage, "outcome", outcome);
    }

    /**
     * The provider clients' call timer.
     *
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

    public static Counter reauthorisations(MeterRegistry meters, String provider) {
        return meters.counter(PROVIDER_REAUTHORISATIONS, "provider", provider);
    }

    public static Timer validationDuration(MeterRegistry meters) {
        return Timer.builder(VALIDATION_DURATION)
                .description("DSS validation of an assembled container")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** @param result hit or miss */
    public static Counter ocspCache(MeterRegistry meters, String result) {
        return meters.counter(OCSP_CACHE, "result", result);
    }

    /** Groups of documents a provider holds until a person approves them. */
    public static <T> Gauge approvalsWaiting(
            MeterRegistry meters, String provider, T holder, ToDoubleFunction<T> count) {
        return Gauge.builder(PROVIDER_APPROVALS_WAITING, holder, count)
                .description("Groups of documents waiting for a person's approval")
                .tag("provider", provider)
                .strongReference(true)
                .register(meters);
    }

    /** Documents a stage holds back while a service it needs is out of reach (messaging's parking). */
    public static <T> Gauge parkedDocuments(MeterRegistry meters, String stage, T lot, ToDoubleFunction<T> count) {
        return Gauge.builder(PARKED_DOCUMENTS, lot, count)
                .description("Documents parked until a trust service, remote signer or the blob store is back")
                .tag("stage", stage)
                .strongReference(true)
                .register(meters);
    }

    /** Seconds since the oldest parked document's record was written; 0 when none is parked. */
    public static <T> Gauge parkedOldestAge(MeterRegistry meters, String stage, T lot, ToDoubleFunction<T> age) {
        return Gauge.builder(PARKED_OLDEST_AGE, lot, age)
                .description("Age of the oldest parked document")
                .tag("stage", stage)
                .baseUnit("seconds")
                .strongReference(true)
                .register(meters);
    }

    /** One request to one configured endpoint of a trust service; the endpoint tag shows which failed. */
    public static Timer tspRequests(MeterRegistry meters, String outcome, String endpoint) {
        return meters.timer(TSP_REQUESTS, "outcome", outcome, "endpoint", endpoint);
    }

    /** One request to one OCSP endpoint ({@code aia} for the certificate's own responder). */
    public static Timer ocspRequests(MeterRegistry meters, String outcome, String endpoint) {
        return meters.timer(OCSP_REQUESTS, "outcome", outcome, "endpoint", endpoint);
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
}
