package dev.signingsuite.gateway.retention;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.TreeSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Per-tenant retention of finished documents (ADR 31). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

    @Bean
    RetentionSweep retentionSweep(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            BlobStore blobs,
            Clock clock,
            RetentionProperties properties,
            GatewayProperties gateway,
            MeterRegistry meters) {
        TreeSet<String> unknown = new TreeSet<>(properties.tenants().keySet());
        unknown.removeAll(gateway.tenants().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "retention configured for tenants " + unknown + " that signing.gateway.tenants does not configure");
        }
        return new RetentionSweep(
                jdbc, transactions, blobs, clock, properties.retention().batchSize(), meters);
    }

    @Bean
    RetentionJob retentionJob(RetentionSweep sweep, RetentionProperties properties) {
        return new RetentionJob(sweep, properties);
    }
}
