package dev.signingsuite.testsupport.boundaries;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The boundary tests every service module runs: a module's {@code BoundariesTest} extends this,
 * names its {@link Service} and, if anything, what other modules use from it. A rule a module cannot
 * keep yet is overridden there with {@code @Disabled} and the reason, so the report shows it skipped.
 * Providers extend {@link ProviderBoundariesContract}, which adds the rule between providers.
 */
public abstract class ServiceBoundariesContract {

    private static final Map<Service, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    protected abstract Service service();

    /** Public classes another module (the standalone launcher) uses; see {@link ServiceBoundaries}. */
    protected Class<?>[] usedFromOutside() {
        return new Class<?>[0];
    }

    protected final JavaClasses mainClasses() {
        return IMPORTED.computeIfAbsent(service(), ServiceBoundaries::mainClassesOf);
    }

    @Test
    protected void dependsOnNoOtherService() {
        ServiceBoundaries.dependsOnNoOtherService(service()).check(mainClasses());
    }

    @Test
    protected void publicOnlyWhereUsedAcrossPackages() {
        ServiceBoundaries.publicOnlyWhereUsedAcrossPackages(service(), usedFromOutside())
                .check(mainClasses());
    }
}
