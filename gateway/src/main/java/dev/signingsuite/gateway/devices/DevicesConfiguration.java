package dev.signingsuite.gateway.devices;

import dev.signingsuite.est.EstCertificateAuthority;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Signing-device registration (ADR 32), on when {@code signing.gateway.devices.scd-url} is set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeviceProperties.class)
class DevicesConfiguration {

    @Bean
    DeviceStore deviceStore(JdbcClient jdbc) {
        return new DeviceStore(jdbc);
    }

    @Bean
    @ConditionalOnProperty("signing.gateway.devices.scd-url")
    DeviceRegistration deviceRegistration(DeviceProperties properties, DeviceStore store, Clock clock) {
        return new DeviceRegistration(
                new PersonTokens(properties.person(), clock),
                new RemoteScdClient(properties.scdUrl(), properties.timeout()),
                new EstCertificateAuthority(properties.est()),
                store,
                clock);
    }
}
