package dev.signingsuite.gateway.retention;

import dev.signingsuite.gateway.RepeatingTask;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, the retention sweep for each tenant that has a retention. One thread per instance;
 * the sweep's row locks share the work between instances.
 */
final class RetentionJob extends RepeatingTask {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionSweep sweep;
    private final RetentionProperties properties;

    RetentionJob(RetentionSweep sweep, RetentionProperties properties) {
        super("retention");
        this.sweep = sweep;
        this.properties = properties;
    }

    @Override
    protected void round() {
        for (Map.Entry<String, RetentionProperties.TenantRetention> tenant :
                properties.tenants().entrySet()) {
            Duration retention = tenant.getValue().retention();
            if (retention == null) {
                continue;
            }
            try {
                sweep.sweep(tenant.getKey(), retention);
            } catch (RuntimeException e) {
                log.warn("Retention of tenant {} failed, will try again: {}", tenant.getKey(), e.getMessage());
            }
        }
    }

    /** Not started while no tenant has a retention period. */
    @Override
    protected Optional<Duration> interval() {
        return properties.tenants().values().stream().allMatch(t -> t.retention() == null)
                ? Optional.empty()
                : Optional.of(properties.retention().interval());
    }
}
