package dev.signingsuite.augmentation.trust;

import dev.signingsuite.messaging.SigningMeters;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The configured TSAs, tried in order until one answers: an endpoint down costs one failed request
 * per timestamp, not a parked document. Every request is timed per endpoint ({@code
 * signing.tsp.requests{outcome,endpoint}}); when all fail, {@link TrustServiceUnavailableException}.
 */
final class FailoverTspSource implements TSPSource {

    private final transient Map<String, TSPSource> endpoints;
    private final transient MeterRegistry meters;

    /** @param endpoints by their URL, in the order they are tried */
    FailoverTspSource(Map<String, TSPSource> endpoints, MeterRegistry meters) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one TSA");
        }
        this.endpoints = new LinkedHashMap<>(endpoints);
        this.meters = meters;
    }

    @Override
    public TimestampBinary getTimeStampResponse(DigestAlgorithm digestAlgorithm, byte[] digest) {
        StringJoiner failures = new StringJoiner("; ");
        DSSException last = null;
        for (Map.Entry<String, TSPSource> endpoint : endpoints.entrySet()) {
            Timer.Sample sample = Timer.start(meters);
            String outcome = "error";
            try {
                TimestampBinary timestamp = endpoint.getValue().getTimeStampResponse(digestAlgorithm, digest);
                outcome = "success";
                return timestamp;
            } catch (DSSException e) {
                failures.add(endpoint.getKey() + ": " + e.getMessage());
                last = e;
            } finally {
                sample.stop(SigningMeters.tspRequests(meters, outcome, endpoint.getKey()));
            }
        }
        throw new TrustServiceUnavailableException(
                TrustServiceUnavailableException.Service.TSA, "TSA unavailable: " + failures, last);
    }
}
