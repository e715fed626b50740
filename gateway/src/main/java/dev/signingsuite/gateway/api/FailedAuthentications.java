package dev.signingsuite.gateway.api;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter.AtomicRateLimiterMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Slows down guessing API keys: each failed authentication takes one permission from the client
 * address's limiter and from the key id's (Resilience4j rate limiters); once either is used up,
 * requests are refused with {@code 429} before the key is even compared, so a right guess looks
 * the same as a wrong one until the period is over.
 */
final class FailedAuthentications {

    /** Limiters kept; the least recently used goes first, so random addresses or ids cannot exhaust memory. */
    private static final int TRACKED = 10_000;

    private final RateLimiterConfig config;
    private final Supplier<Long> nanoTime;
    private final Map<String, AtomicRateLimiter> limiters = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AtomicRateLimiter> eldest) {
            return size() > TRACKED;
        }
    };

    FailedAuthentications(AuthenticationLimits limits, Supplier<Long> nanoTime) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(limits.failures())
                .limitRefreshPeriod(limits.period())
                .timeoutDuration(Duration.ZERO)
                .build();
        this.nanoTime = nanoTime;
    }

    /** How long the client must wait before it may try again; empty if it may try now. */
    synchronized Optional<Duration> refusal(String address, String presentedKey) {
        long nanos = 0;
        for (String name : names(address, presentedKey)) {
            AtomicRateLimiter limiter = limiters.get(name);
            if (limiter != null) {
                AtomicRateLimiterMetrics metrics = limiter.getDetailedMetrics();
                if (metrics.getAvailablePermissions() <= 0) {
                    nanos = Math.max(nanos, Math.max(1, metrics.getNanosToWait()));
                }
            }
        }
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    synchronized void failed(String address, String presentedKey) {
        for (String name : names(address, presentedKey)) {
            limiters.computeIfAbsent(name, n -> new AtomicRateLimiter(n, config, Map.of(), nanoTime))
                    .acquirePermission();
        }
    }

    private static List<String> names(String address, String presentedKey) {
        String keyId = keyIdOf(presentedKey);
        return keyId == null ? List.of("address:" + address) : List.of("address:" + address, "key:" + keyId);
    }

    /** The part before the first dot of a {@code <keyId>.<secret>} key; never the secret. */
    static String keyIdOf(String presentedKey) {
        if (presentedKey == null) {
            return null;
        }
        int dot = presentedKey.indexOf('.');
        return dot > 0 && dot < 64 ? presentedKey.substring(0, dot) : null;
    }
}
