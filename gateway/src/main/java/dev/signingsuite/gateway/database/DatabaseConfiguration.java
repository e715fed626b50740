package dev.signingsuite.gateway.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.signingsuite.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The status store's database: the embedded PostgreSQL in the standalone default and the tests, a
 * {@code spring.datasource.url} in production; Flyway brings the schema up to date before anything
 * reads it. Wired here instead of by Boot's auto-configuration because in the standalone run all
 * services share one classpath, and Boot's DataSource auto-configuration would then ask every other
 * service for a database it does not have.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataSourceSettings.class)
public class DatabaseConfiguration {

    /** The gateway's migrations, under a path of their own on the shared classpath. */
    public static final String MIGRATIONS = "classpath:db/gateway";

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);
    private static final String EMBEDDED_USER = "postgres";
    private static final String EMBEDDED_DATABASE = "postgres";

    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty("signing.gateway.database.embedded")
    EmbeddedPostgres embeddedPostgres(GatewayProperties properties) throws IOException {
        GatewayProperties.Database database = properties.database();
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder().setPort(database.port()).setServerConfig("listen_addresses", "127.0.0.1");
        if (database.persistent()) {
            if (database.dataDirectory() == null) {
                throw new IllegalStateException(
                        "signing.gateway.database.data-directory is required for a persistent embedded database");
            }
            Path dataDirectory = Files.createDirectories(database.dataDirectory());
            LeftoverServer.stopIfRunning(dataDirectory);
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info(
                "Embedded PostgreSQL listening on 127.0.0.1:{} ({})",
                postgres.getPort(),
                database.persistent() ? database.dataDirectory().toAbsolutePath() : "temporary");
        return postgres;
    }

    /**
     * Takes the server as a parameter, not through an {@code ObjectProvider}: Spring then knows the
     * pool depends on it and closes the pool first, before the server stops.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty("signing.gateway.database.embedded")
    HikariDataSource embeddedDataSource(EmbeddedPostgres postgres, DataSourceSettings settings, MeterRegistry meters) {
        return migrated(
                pool(postgres.getJdbcUrl(EMBEDDED_USER, EMBEDDED_DATABASE), EMBEDDED_USER, null, settings, meters));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(
            name = "signing.gateway.database.embedded",
            havingValue = false,
            matchIfMissing = true)
    HikariDataSource dataSource(DataSourceSettings settings, MeterRegistry meters) {
        if (settings.url() == null || settings.url().isBlank()) {
            throw new IllegalStateException(
                    "spring.datasource.url is required when signing.gateway.database.embedded is false");
        }
        return migrated(pool(settings.url(), settings.username(), settings.password(), settings, meters));
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(DataSource dataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private static HikariDataSource pool(
            String url, String username, String password, DataSourceSettings settings, MeterRegistry meters) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("gateway-status");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(username);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(settings.maximumPoolSize());
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        return dataSource;
    }

    /** Brings the schema up to date before anything reads it; a failed migration stops the start. */
    private static HikariDataSource migrated(HikariDataSource dataSource) {
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
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
