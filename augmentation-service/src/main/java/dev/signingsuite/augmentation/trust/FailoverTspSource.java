package dev.signingsuite.augmentation.trust;

import dev.signingsuite.messaging.SigningMeters;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The configured TSAs, tried in order until one answers: an endpoint down costs one failed request
 * per timestamp, not a parked document. Every request is timed per endpoint ({@code
 * signing.tsp.requests{outcome,endpoint}}); when all fail, {@link TrustServiceUnavailableException}.
 */
final class FailoverTspSource implements TSPSource {

    private final transient Failover<TSPSource> endpoints;

    /** @param endpoints by their URL, in the order they are tried */
    FailoverTspSource(Map<String, TSPSource> endpoints, MeterRegistry meters, Failover.Attempts attempts) {
        this.endpoints = new Failover<>(
                endpoints, (outcome, endpoint) -> SigningMeters.tspRequests(meters, outcome, endpoint), attempts);
    }

    @Override
    public TimestampBinary getTimeStampResponse(DigestAlgorithm digestAlgorithm, byte[] digest) {
        Map<String, DSSException> failures = new LinkedHashMap<>();
        TimestampBinary timestamp =
                endpoints.firstAnswer(tsa -> tsa.getTimeStampResponse(digestAlgorithm, digest), failures);
        if (timestamp != null) {
            return timestamp;
        }
        StringJoiner text = new StringJoiner("; ");
        failures.forEach((endpoint, e) -> text.add(endpoint + ": " + e.getMessage()));
        throw new TrustServiceUnavailableException(
                TrustServiceUnavailableException.Service.TSA,
                "TSA unavailable: " + text,
                failures.values().stream().reduce((first, second) -> second).orElse(null));
    }
}
