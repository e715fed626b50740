package dev.signingsuite.augmentation.trust;

import dev.signingsuite.messaging.SigningMeters;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificate's own OCSP responder (its AIA, endpoint tag {@code aia}), then each configured
 * alternative responder in order, until one answers. Every request is timed per endpoint ({@code
 * signing.ocsp.requests{outcome,endpoint}}); when all fail, the last failure propagates and {@link
 * CachingOcspSource} reports the responder unavailable.
 */
final class FailoverOcspSource implements OCSPSource {

    static final String AIA = "aia";

    private final transient Failover<OCSPSource> endpoints;

    FailoverOcspSource(DataLoader loader, List<URI> alternatives, MeterRegistry meters, Failover.Attempts attempts) {
        Map<String, OCSPSource> responders = new LinkedHashMap<>();
        responders.put(AIA, new OnlineOCSPSource(loader));
        for (URI alternative : alternatives) {
            responders.put(alternative.toString(), new FixedResponder(loader, alternative.toString()));
        }
        this.endpoints = new Failover<>(
                responders, (outcome, endpoint) -> SigningMeters.ocspRequests(meters, outcome, endpoint), attempts);
    }

    @Override
    public OCSPToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        Map<String, DSSException> failures = new LinkedHashMap<>();
        OCSPToken token =
                endpoints.firstAnswer(responder -> responder.getRevocationToken(certificate, issuer), failures);
        if (token == null && !failures.isEmpty()) {
            throw failures.values().stream().reduce((first, second) -> second).orElseThrow();
        }
        return token;
    }
    /** A responder that answers for any certificate, whatever URL the certificate names. */
    private static final class FixedResponder extends OnlineOCSPSource {

        private final String url;

        FixedResponder(DataLoader loader, String url) {
            super(loader);
            this.url = url;
        }

        @Override
        protected List<String> getOCSPAccessURLs(CertificateToken certificate, List<String> alternativeUrls) {
            return List.of(url);
        }
    }
}
