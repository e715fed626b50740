package dev.signingsuite.augmentation.trust;

import dev.signingsuite.messaging.SigningMeters;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every request to the TSA ({@code signing.tsp.requests{outcome}}) and turns its failures
 * into {@link TrustServiceUnavailableException}: an unreachable TSA or a 5xx is worth retrying.
 */
final class MeteredTspSource implements TSPSource {

    private final transient TSPSource delegate;
    private final transient MeterRegistry meters;

    public MeteredTspSource(TSPSource delegate, MeterRegistry meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public TimestampBinary getTimeStampResponse(DigestAlgorithm digestAlgorithm, byte[] digest) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            TimestampBinary timestamp = delegate.getTimeStampResponse(digestAlgorithm, digest);
            outcome = "success";
            return timestamp;
        } catch (DSSException e) {
            throw new TrustServiceUnavailableException("TSA unavailable: " + e.getMessage(), e);
        } finally {
            sample.stop(SigningMeters.tspRequests(meters, outcome));
        }
    }
}
