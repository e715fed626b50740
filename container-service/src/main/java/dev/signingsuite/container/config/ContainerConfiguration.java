package dev.signingsuite.container.config;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.container.assembly.AsicContainerWriter;
import dev.signingsuite.container.assembly.ContainerAssembler;
import dev.signingsuite.container.validation.ContainerValidator;
import dev.signingsuite.container.validation.TrustAnchors;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContainerProperties.class)
class ContainerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** One validator per instance: verifiers, trust anchors and the policy are loaded once, here. */
    @Bean
    ContainerValidator containerValidator(ContainerProperties properties, MeterRegistry meters) throws IOException {
        return ContainerValidator.create(TrustAnchors.load(properties.trustAnchors()), meters);
    }

    @Bean
    ContainerAssembler containerAssembler(
            ContainerProperties properties, BlobStore blobs, ContainerValidator validator, Clock clock) {
        return new ContainerAssembler(
                new AsicContainerWriter(blobs),
                validator,
                blobs,
                properties.maxContainerSize().toBytes(),
                properties.workDir(),
                clock);
    }
}
