package dev.signingsuite.hash;

import dev.signingsuite.blobstore.config.BlobStoreConfiguration;
import dev.signingsuite.messaging.MessagingConfiguration;
import dev.signingsuite.messaging.ServiceLookupCache;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import({MessagingConfiguration.class, BlobStoreConfiguration.class})
public class HashServiceApplication {

    /**
     * Every service reads {@code hash-service.yml} (and an operator's {@code application.yml}): with
     * distinct names, all services can share one classpath in the standalone run.
     */
    public static final String CONFIG_NAME = "application,hash-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(HashServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        ServiceLookupCache.install();
        builder().run(args);
    }
}
