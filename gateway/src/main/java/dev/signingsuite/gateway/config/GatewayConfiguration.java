package dev.signingsuite.gateway.config;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.blobstore.FileSystemBlobStore;
import java.io.IOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    BlobStore blobStore(GatewayProperties properties) throws IOException {
        return new FileSystemBlobStore(properties.blobRoot());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
