package dev.signingsuite.standalone;

import dev.signingsuite.sandbox.Sandbox;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The suite's services as one bean: started after broker and sandbox, stopped before them. */
@Configuration(proxyBeanMethods = false)
class ServicesConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "standalone.services.enabled", matchIfMissing = true)
    SuiteServices suiteServices(KafkaBroker broker, Sandbox sandbox, StandaloneProperties properties) {
        return SuiteServices.start(broker, sandbox, properties);
    }
}
