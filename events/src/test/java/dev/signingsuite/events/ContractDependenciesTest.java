package dev.signingsuite.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The contract is a jar back-office developers put on their classpath: it may depend on Jackson
 * and, in its {@code kafka} package only, on kafka-clients; never on Spring or on a service.
 */
class ContractDependenciesTest {

    private static final JavaClasses CONTRACT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.signingsuite.events");

    @Test
    void recordsDependOnlyOnTheJdkAndJackson() {
        classes()
                .that()
                .resideInAPackage("dev.signingsuite.events")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "dev.signingsuite.events..", "com.fasterxml.jackson.annotation..", "tools.jackson..")
                .check(CONTRACT);
    }

    @Test
    void onlyTheKafkaPackageKnowsKafka() {
        classes()
                .that()
                .resideInAPackage("dev.signingsuite.events.kafka")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.signingsuite.events..", "org.apache.kafka..")
                .check(CONTRACT);
    }
}
