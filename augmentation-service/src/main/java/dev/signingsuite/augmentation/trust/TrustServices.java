package dev.signingsuite.augmentation.trust;

import dev.signingsuite.signature.DssSignatures;
import eu.europa.esig.dss.alert.ExceptionOnStatusAlert;
import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DSS objects one service instance shares across threads and documents (BUILD-NOTES: one
 * verifier, one service, one TSP and OCSP source): built once from the configuration.
 *
 * @param signatures signs and extends in every format; its verifier knows the trust anchors, the TSA and the OCSP cache
 * @param ocsp the caching OCSP source the verifier uses, for the stage's own revocation check
 */
public record TrustServices(DssSignatures signatures, CachingOcspSource ocsp) {

    private static final String OCSP_REQUEST = "application/ocsp-request";
    private static final String TIMESTAMP_QUERY = "application/timestamp-query";

    public static TrustServices create(AugmentationProperties properties, MeterRegistry meters, Clock clock) {
        CachingOcspSource ocsp = new CachingOcspSource(
                new FailoverOcspSource(
                        loader(OCSP_REQUEST, properties), properties.ocspUrls(), meters, attempts(properties)),
                properties.ocspCacheTtl(),
                properties.ocspCacheSize(),
                clock,
                meters);

        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(TrustAnchors.load(properties.trustAnchors()));
        verifier.setOcspSource(ocsp);
        // No CRLs in this suite, and no AIA: the provider puts the full chain into the parameters.
        verifier.setCrlSource(null);
        verifier.setAIASource(null);
        // A signature at LT must carry the revocation data of its chain, and none of it may say
        // revoked; the stage checks the signer itself first, these catch the TSA's chain.
        verifier.setAlertOnMissingRevocationData(new ExceptionOnStatusAlert());
        verifier.setAlertOnRevokedCertificate(new ExceptionOnStatusAlert());
        verifier.setAlertOnInvalidTimestamp(new ExceptionOnStatusAlert());
        verifier.setAlertOnExpiredCertificate(new ExceptionOnStatusAlert());
        verifier.setAlertOnNotYetValidCertificate(new ExceptionOnStatusAlert());
        // Fires for every document whose OCSP response came from the cache: that response was
        // produced before this document's timestamp. Deliberately silent: the response is within
        // its validity and at most ocsp-cache-ttl older than the timestamp, and one request per
        // signer instead of one per document is the point of the cache (DESIGN.md §6). XAdES, which
        // DigiDoc4j reads and refuses so, gets a response produced after its timestamp (ADR 25).
        verifier.setAlertOnNoRevocationAfterBestSignatureTime(new SilentOnStatusAlert());
        // Proof of existence is the timestamp's business at LTA; nothing to alert on when signing.
        verifier.setAlertOnUncoveredPOE(new SilentOnStatusAlert());

        Map<String, TSPSource> tsas = new LinkedHashMap<>();
        for (URI url : properties.tsaEndpoints()) {
            tsas.put(url.toString(), new OnlineTSPSource(url.toString(), loader(TIMESTAMP_QUERY, properties)));
        }
        return new TrustServices(
                new DssSignatures(verifier, new FailoverTspSource(tsas, meters, attempts(properties))), ocsp);
    }

    private static Failover.Attempts attempts(AugmentationProperties properties) {
        return new Failover.Attempts(properties.attempts(), properties.attemptPause());
    }

    private static PooledDataLoader loader(String contentType, AugmentationProperties properties) {
        return new PooledDataLoader(contentType, properties.connectTimeout(), properties.readTimeout());
    }
}
