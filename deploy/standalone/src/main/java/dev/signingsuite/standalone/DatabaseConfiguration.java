package dev.signingsuite.standalone;

import dev.signingsuite.standalone.database.EmbeddedDatabase;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The gateway's PostgreSQL as a bean of this context, not of the gateway's: it is up before the
 * services start and stops after they have closed, and a restart of the gateway alone keeps it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    // After the broker, whose start takes the data directory's lock: only the process holding it
    // may stop a server it finds running on the directory, which is then surely a killed run's.
    @Bean(destroyMethod = "close")
    @DependsOn("kafkaBroker")
    @ConditionalOnProperty(name = "standalone.services.enabled", matchIfMissing = true)
    EmbeddedDatabase embeddedDatabase(StandaloneProperties properties) throws IOException {
        return EmbeddedDatabase.start(
                properties.dataDir().resolve("postgres"), properties.database().port());
    }
}
