package dev.signingsuite.augmentation;

import dev.signingsuite.blobstore.config.BlobStoreConfiguration;
import dev.signingsuite.messaging.MessagingConfiguration;
import dev.signingsuite.messaging.ServiceLookupCache;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import({MessagingConfiguration.class, BlobStoreConfiguration.class})
public class AugmentationServiceApplication {

    /**
     * Every service reads {@code augmentation-service.yml} (and an operator's {@code application.yml}): with
     * distinct names, all services can share one classpath in the standalone run.
     */
    public static final String CONFIG_NAME = "application,augmentation-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AugmentationServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        ServiceLookupCache.install();
        builder().run(args);
    }
}
