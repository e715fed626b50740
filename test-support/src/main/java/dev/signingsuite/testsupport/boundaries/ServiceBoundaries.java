package dev.signingsuite.testsupport.boundaries;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The boundary rules every service module checks on its own main code (DESIGN.md: services depend
 * on {@code events} and small shared libraries, never on each other; providers share one runtime
 * and implement one port; package-private by default). Each service's {@code BoundariesTest}
 * imports its classes with {@link #mainClassesOf} and checks the rules that apply to it.
 */
public final class ServiceBoundaries {

    private static final String SPRING_BOOT_APPLICATION =
            "org.springframework.boot.autoconfigure.SpringBootApplication";
    private static final String CONFIGURATION_PROPERTIES =
            "org.springframework.boot.context.properties.ConfigurationProperties";

    private ServiceBoundaries() {}

    /** The service's main classes as compiled by this build, without test classes. */
    public static JavaClasses mainClassesOf(Service service) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(service.rootPackage());
    }

    /** No class of {@code service} uses a class of another service: they talk through events only. */
    public static ArchRule dependsOnNoOtherService(Service service) {
        return noClasses()
                .that()
                .resideInAPackage(service.packages())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(service.otherServicesPackages())
                .because("services exchange events, never classes (DESIGN.md §1)");
    }

    /**
     * No class of a provider uses another provider's classes, whatever its name; the shared
     * provider runtime ({@code dev.signingsuite.provider.runtime}) is the one exception.
     */
    public static ArchRule dependsOnNoOtherProvider(Service provider) {
        if (!provider.provider()) {
            throw new IllegalArgumentException(provider + " is not a provider");
        }
        return noClasses()
                .that()
                .resideInAPackage(provider.packages())
                .should()
                .dependOnClassesThat(resideInAPackage(Service.PROVIDERS)
                        .and(not(resideInAnyPackage(provider.packages(), Service.PROVIDER_RUNTIME))))
                .because("providers share the provider runtime, not each other's code (DESIGN.md §3)");
    }

    /**
     * Every public top-level class of {@code service} is used from another package of the service:
     * a class used only inside its own package must be package-private. Exempt are the Spring Boot
     * application class and {@code @ConfigurationProperties} records (their public API is the
     * configuration), and the classes a module names in {@code usedFromOutside}: what another module
     * (the standalone launcher in {@code deploy/standalone}) uses. Its uses cannot be seen from here,
     * since a service module does not have the launcher on its class path; so the list is explicit
     * and each module's test says why each entry is on it. Uses from test code do not count: a test
     * sits in the package of what it tests.
     */
    public static ArchRule publicOnlyWhereUsedAcrossPackages(Service service, Class<?>... usedFromOutside) {
        Set<String> allowed = Arrays.stream(usedFromOutside).map(Class::getName).collect(Collectors.toSet());
        return classes()
                .that()
                .resideInAPackage(service.packages())
                .and()
                .areTopLevelClasses()
                .and()
                .arePublic()
                .and(not(annotatedWith(SPRING_BOOT_APPLICATION)))
                .and(not(annotatedWith(CONFIGURATION_PROPERTIES)))
                .and(not(named(allowed)))
                .should(beUsedFromAnotherPackageOf(service))
                .because("a service's internals are package-private where the language allows (STYLE.md)")
                .allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaClass> named(Set<String> names) {
        return DescribedPredicate.describe("named in " + names, javaClass -> names.contains(javaClass.getName()));
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackageOf(Service service) {
        String root = service.rootPackage();
        return new ArchCondition<>("be used from another package of " + root) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean usedElsewhere = javaClass.getDirectDependenciesToSelf().stream()
                        .map(dependency -> dependency.getOriginClass().getPackageName())
                        .anyMatch(origin -> !origin.equals(javaClass.getPackageName())
                                && (origin.equals(root) || origin.startsWith(root + ".")));
                events.add(new SimpleConditionEvent(
                        javaClass,
                        usedElsewhere,
                        javaClass.getName() + (usedElsewhere ? " is" : " is public but not")
                                + " used outside its package " + javaClass.getPackageName()
                                + ": make it package-private"));
            }
        };
    }
}
