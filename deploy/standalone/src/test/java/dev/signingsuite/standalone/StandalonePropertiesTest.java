package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.csc.CscProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class StandalonePropertiesTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsAreTheWellKnownPorts() {
        runner.run(context -> {
            StandaloneProperties properties = context.getBean(StandaloneProperties.class);
            assertThat(properties.dataDir().normalize()).isEqualTo(Path.of("data"));
            assertThat(properties.kafka().port()).isEqualTo(9092);
            assertThat(properties.kafka().partitions()).isEqualTo(6);
            assertThat(properties.sandbox().port()).isEqualTo(8190);
        });
    }

    @Test
    void cscProfileBindsForTheSimulatorAndIsPassedToEveryService() {
        String[] settings = Invocation.cscProfileArgs("eudi-reference").stream()
                .map(arg -> arg.substring(2))
                .toArray(String[]::new);
        runner.withPropertyValues(settings).run(context -> {
            StandaloneProperties properties = context.getBean(StandaloneProperties.class);
            assertThat(properties.sandbox().cscProfile()).isEqualTo(CscProfile.EUDI_REFERENCE);
            assertThat(properties.services().properties()).containsEntry("signing.csc.profile", "eudi-reference");
        });
        runner.run(context -> assertThat(
                        context.getBean(StandaloneProperties.class).sandbox().cscProfile())
                .isEqualTo(CscProfile.GENERIC));
    }

    @Test
    void badValuesFailAtStartListingEachViolation() {
        runner.withPropertyValues("standalone.kafka.port=70000", "standalone.kafka.partitions=0")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("kafka.port")
                        .hasMessageContaining("kafka.partitions"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StandaloneProperties.class)
    static class PropertiesOnly {}
}
