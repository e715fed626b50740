package dev.signingsuite.provider.runtime;

import dev.signingsuite.messaging.MessagingConfiguration;
import dev.signingsuite.sandbox.pki.PkiSettings;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import dev.signingsuite.testclock.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The whole of a provider but its client: a {@link RemoteSigner} bean, a clock, the runtime's
 * configuration and the bindings of {@code test-only-provider.yml}. What docs/adding-a-provider.md
 * walks through.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({MessagingConfiguration.class, ProviderRuntimeConfiguration.class})
class TestOnlyProvider {

    static final String CONFIG_NAME = "test-only-provider";

    @Bean
    Clock clock() {
        return TestClock.system();
    }

    @Bean
    TestOnlySigner testOnlySigner() {
        try {
            // The root, the issuing CA and the seal: enough for a chain, quicker than the whole sandbox.
            TestPki pki = TestPki.loadOrCreate(
                    Files.createTempDirectory("test-only-provider-pki"),
                    PkiSettings.defaults(),
                    SandboxEntities.ALL.subList(0, 3),
                    TestClock.system());
            return new TestOnlySigner(pki.entity(SandboxEntities.SEAL));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
