package dev.signingsuite.provider.eparaksts;

import dev.signingsuite.messaging.MessagingConfiguration;
import dev.signingsuite.messaging.ServiceLookupCache;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(MessagingConfiguration.class)
public class EparakstsProviderApplication {

    /**
     * Every service reads {@code provider-eparaksts.yml} (and an operator's {@code application.yml}): with
     * distinct names, all services can share one classpath in the standalone run.
     */
    public static final String CONFIG_NAME = "application,provider-eparaksts";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(EparakstsProviderApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        ServiceLookupCache.install();
        builder().run(args);
    }
}
