package dev.signingsuite.blobstore.config;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness part {@code blobStore}: whether the store can take a document now. A service that
 * cannot store or read blobs would fail every record it takes, so it should not take any.
 */
final class BlobStoreHealthIndicator implements HealthIndicator {

    @FunctionalInterface
    interface Probe {
        /** Returns details to show when the store answers; throws when it does not. */
        Map<String, Object> check() throws Exception;
    }

    private final Probe probe;

    BlobStoreHealthIndicator(Probe probe) {
        this.probe = probe;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetails(probe.check()).build();
        } catch (Exception e) {
            return Health.down()
                    .withDetail("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
