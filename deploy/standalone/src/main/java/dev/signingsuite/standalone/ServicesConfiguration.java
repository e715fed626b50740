package dev.signingsuite.standalone;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.database.EmbeddedDatabase;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The suite's services as one bean: started after broker, sandbox and database, stopped before them. */
@Configuration(proxyBeanMethods = false)
class ServicesConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "standalone.services.enabled", matchIfMissing = true)
    SuiteServices suiteServices(
            KafkaBroker broker, Sandbox sandbox, EmbeddedDatabase database, StandaloneProperties properties) {
        return SuiteServices.start(broker, sandbox, database, properties);
    }
}
