package dev.signingsuite.provider.onetime;

import dev.signingsuite.messaging.MessagingConfiguration;
import dev.signingsuite.messaging.ServiceLookupCache;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(MessagingConfiguration.class)
public class OnetimeProviderApplication {

    /** Every service reads its own {@code provider-<name>.yml}: all can share one classpath in the standalone run. */
    public static final String CONFIG_NAME = "application,provider-onetime";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(OnetimeProviderApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        ServiceLookupCache.install();
        builder().run(args);
    }
}
