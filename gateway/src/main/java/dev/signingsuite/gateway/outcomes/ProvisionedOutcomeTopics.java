package dev.signingsuite.gateway.outcomes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant outcome topics the cluster has (ADR 23): provisioning a tenant's topic is what turns
 * its copy on, so the gateway needs no list of its own. Listed again at most every {@code refresh};
 * a topic provisioned while the gateway runs receives outcomes from then on, at most {@code
 * refresh} later. If the listing fails the last one stays, and the poll in hand goes on with it.
 */
final class ProvisionedOutcomeTopics {

    private static final Logger log = LoggerFactory.getLogger(ProvisionedOutcomeTopics.class);

    private final Supplier<Set<String>> listTopics;
    private final String prefix;
    private final Clock clock;
    private final Duration refresh;
    private Set<String> tenants = Set.of();
    private Instant listedAt;

    /**
     * @param listTopics the names of the cluster's topics (throws when the cluster does not answer)
     * @param prefix what every tenant outcome topic's name starts with, the tenant following
     */
    ProvisionedOutcomeTopics(Supplier<Set<String>> listTopics, String prefix, Clock clock, Duration refresh) {
        this.listTopics = listTopics;
        this.prefix = prefix;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** Whether {@code tenant} has an outcome topic, as of the last listing. */
    synchronized boolean provisioned(String tenant) {
        Instant now = clock.instant();
        if (listedAt == null || !now.isBefore(listedAt.plus(refresh))) {
            listedAt = now;
            try {
                Set<String> listed = listTopics.get().stream()
                        .filter(name -> name.startsWith(prefix) && name.length() > prefix.length())
                        .map(name -> name.substring(prefix.length()))
                        .collect(Collectors.toUnmodifiableSet());
                if (!listed.equals(tenants)) {
                    log.info("Tenants with an outcome topic of their own: {}", listed);
                }
                tenants = listed;
            } catch (RuntimeException e) {
                log.warn("Could not list the tenant outcome topics, keeping {}: {}", tenants, e.toString());
            }
        }
        return tenants.contains(tenant);
    }
}
