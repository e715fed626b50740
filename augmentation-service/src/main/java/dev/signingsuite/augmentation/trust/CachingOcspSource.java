package dev.signingsuite.augmentation.trust;

import dev.signingsuite.messaging.SigningMeters;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.CertificateExtensionsUtils;
import eu.europa.esig.dss.spi.DSSRevocationUtils;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;

/**
 * One OCSP response per certificate, reused while it is valid (DESIGN.md §6): a batch of documents
 * by one signer costs one OCSP request, not one per document and certificate.
 *
 * <p>Only the {@link BasicOCSPResp} is kept; every caller gets a new {@link OCSPToken} built from it,
 * because DSS attaches per-signature state to a token. While one request for a certificate is in
 * flight, other callers for that certificate wait for its answer instead of sending their own.
 */
public final class CachingOcspSource implements OCSPSource {

    private final transient OCSPSource delegate;
    private final Duration ttl;
    private final int maxEntries;
    private final transient Clock clock;
    private final transient Counter hits;
    private final transient Counter misses;
    private final transient ConcurrentMap<String, Cached> responses = new ConcurrentHashMap<>();
    private final transient ConcurrentMap<String, CompletableFuture<Cached>> inFlight = new ConcurrentHashMap<>();

    public CachingOcspSource(OCSPSource delegate, Duration ttl, int maxEntries, Clock clock, MeterRegistry meters) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.hits = SigningMeters.ocspCache(meters, "hit");
        this.misses = SigningMeters.ocspCache(meters, "miss");
    }

    /**
     * @return null when the responder gave no usable answer for a certificate that names none
     * @throws TrustServiceUnavailableException when the responder cannot be reached or fails
     */
    @Override
    public OCSPToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        if (CertificateExtensionsUtils.getOCSPAccessUrls(certificate).isEmpty()) {
            // Nothing to ask (CA certificates below a trust anchor): neither a request nor a miss.
            return null;
        }
        String key = certificate.getDSSIdAsString() + "/" + issuer.getDSSIdAsString();
        Cached cached = responses.get(key);
        if (cached != null && cached.usableAt(clock.instant())) {
            hits.increment();
            return cached.token(certificate, issuer);
        }
        CompletableFuture<Cached> mine = new CompletableFuture<>();
        CompletableFuture<Cached> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            hits.increment();
            return tokenOf(await(running), certificate, issuer);
        }
        try {
            misses.increment();
            Cached fetched = fetch(certificate, issuer);
            if (fetched != null) {
                responses.put(key, fetched);
                evictIfFull();
            }
            mine.complete(fetched);
            return tokenOf(fetched, certificate, issuer);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /**
     * As {@link #getRevocationToken(CertificateToken, CertificateToken)}, but never a response
     * produced at or before {@code producedAfter}: DigiDoc4j refuses a XAdES signature whose OCSP
     * response is older than its signature timestamp ("Timestamp time is after OCSP response
     * production time"), so a cached response that predates the timestamp is replaced by a fresh
     * one, which later callers then reuse.
     */
    public OCSPToken getRevocationToken(CertificateToken certificate, CertificateToken issuer, Instant producedAfter) {
        String key = certificate.getDSSIdAsString() + "/" + issuer.getDSSIdAsString();
        // Twice at most: a request already in flight when this caller came may answer too early.
        for (int attempt = 0; attempt < 2; attempt++) {
            Cached cached = responses.get(key);
            if (cached != null && !cached.producedAfter(producedAfter)) {
                responses.remove(key, cached);
            }
            OCSPToken token = getRevocationToken(certificate, issuer);
            if (token == null
                    || token.getProductionDate() == null
                    || token.getProductionDate().toInstant().isAfter(producedAfter)) {
                return token;
            }
        }
        return getRevocationToken(certificate, issuer);
    }

    // Timed per endpoint by the delegate (FailoverOcspSource).
    private Cached fetch(CertificateToken certificate, CertificateToken issuer) {
        try {
            OCSPToken token = delegate.getRevocationToken(certificate, issuer);
            return token == null ? null : new Cached(token.getBasicOCSPResp(), token.getSourceURL(), expiry(token));
        } catch (DSSException e) {
            throw new TrustServiceUnavailableException(
                    TrustServiceUnavailableException.Service.OCSP,
                    "OCSP responder unavailable for " + certificate.getSubject().getPrettyPrintRFC2253() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    // Reused until the responder's nextUpdate, but never longer than the configured time to live.
    private Instant expiry(OCSPToken token) {
        Instant byTtl = clock.instant().plus(ttl);
        if (token.getNextUpdate() == null) {
            return byTtl;
        }
        Instant nextUpdate = token.getNextUpdate().toInstant();
        return nextUpdate.isBefore(byTtl) ? nextUpdate : byTtl;
    }

    private void evictIfFull() {
        if (responses.size() <= maxEntries) {
            return;
        }
        Instant now = clock.instant();
        responses.values().removeIf(entry -> !entry.usableAt(now));
        // Still full of valid responses: drop arbitrary ones, they are fetched again when needed.
        var keys = responses.keySet().iterator();
        while (responses.size() > maxEntries && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private static Cached await(CompletableFuture<Cached> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static OCSPToken tokenOf(Cached cached, CertificateToken certificate, CertificateToken issuer) {
        return cached == null ? null : cached.token(certificate, issuer);
    }

    private record Cached(BasicOCSPResp response, String sourceUrl, Instant expiry) {

        boolean usableAt(Instant now) {
            return now.isBefore(expiry);
        }

        boolean producedAfter(Instant moment) {
            return response.getProducedAt() != null
                    && response.getProducedAt().toInstant().isAfter(moment);
        }

        OCSPToken token(CertificateToken certificate, CertificateToken issuer) {
            OCSPToken token = new OCSPToken(
                    response,
                    DSSRevocationUtils.getLatestSingleResponse(response, certificate, issuer),
                    certificate,
                    issuer);
            token.setSourceURL(sourceUrl);
            token.setExternalOrigin(RevocationOrigin.EXTERNAL);
            return token;
        }
    }
}
