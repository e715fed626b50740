package dev.signingsuite.gateway.tenants;

import dev.signingsuite.gateway.config.GatewayProperties;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Tenants in PostgreSQL, configuration's written in at start-up, and the admin API (ADR 30). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TenantSettings.class, AdminProperties.class})
class TenantsConfiguration {

    /** Configuration's tenants are in the database before anything asks for a tenant. */
    @Bean
    Tenants tenants(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock,
            GatewayProperties gateway,
            TenantSettings settings) {
        new ConfiguredTenants(jdbc, transactions, clock).write(gateway, settings);
        return new JdbcTenants(jdbc);
    }

    @Bean
    TenantRegistry tenantRegistry(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        return new TenantRegistry(jdbc, transactions, clock);
    }

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(
            AdminProperties admin, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<AdminTokenFilter> registration =
                new FilterRegistrationBean<>(new AdminTokenFilter(admin, problems));
        registration.addUrlPatterns("/admin/*");
        return registration;
    }
}
