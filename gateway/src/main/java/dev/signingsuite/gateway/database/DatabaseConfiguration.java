package dev.signingsuite.gateway.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.signingsuite.gateway.status.StatusStore;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The status store's database: a pool on {@code spring.datasource.url}, whose server the gateway
 * never starts itself (deploy/standalone brings an embedded one, production its own); Flyway brings
 * the schema up to date before anything reads it. Wired here instead of by Boot's
 * auto-configuration because in the standalone run all services share one classpath, and Boot's
 * DataSource auto-configuration would then ask every other service for a database it does not have.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataSourceSettings.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DataSourceSettings settings, MeterRegistry meters) {
        return migrated(pool(settings, meters));
    }

    /** {@code db} in the readiness group (gateway.yml). */
    @Bean
    DatabaseHealth dbHealthIndicator(DataSource dataSource) {
        return new DatabaseHealth(dataSource);
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(DataSource dataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private static HikariDataSource pool(DataSourceSettings settings, MeterRegistry meters) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("gateway-status");
        dataSource.setJdbcUrl(settings.url());
        dataSource.setUsername(settings.username());
        dataSource.setPassword(settings.password());
        dataSource.setMaximumPoolSize(settings.maximumPoolSize());
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        return dataSource;
    }

    /** Brings the schema up to date before anything reads it; a failed migration stops the start. */
    private static HikariDataSource migrated(HikariDataSource dataSource) {
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(StatusStore.MIGRATIONS)
                    .load()
                    .migrate();
            log.info(
                    "Status store schema at version {} ({} migrations applied now)",
                    result.targetSchemaVersion,
                    result.migrationsExecuted);
            return dataSource;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }
}
