package dev.signingsuite.gateway.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.signingsuite.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
            builder.setDataDirectory(Files.createDirectories(database.dataDirectory()))
                    .setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info(
                "Embedded PostgreSQL listening on 127.0.0.1:{} ({})",
                postgres.getPort(),
                database.persistent() ? database.dataDirectory().toAbsolutePath() : "temporary");
        return postgres;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(
            GatewayProperties properties,
            DataSourceSettings settings,
            ObjectProvider<EmbeddedPostgres> embedded,
            MeterRegistry meters) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("gateway-status");
        EmbeddedPostgres postgres = embedded.getIfAvailable();
        if (properties.database().embedded() && postgres != null) {
            dataSource.setJdbcUrl(postgres.getJdbcUrl(EMBEDDED_USER, "postgres"));
            dataSource.setUsername(EMBEDDED_USER);
            dataSource.setMaximumPoolSize(settings.maximumPoolSize());
        } else {
            if (settings.url() == null || settings.url().isBlank()) {
                throw new IllegalStateException(
                        "spring.datasource.url is required when " + "signing.gateway.database.embedded is false");
            }
            dataSource.setJdbcUrl(settings.url());
            dataSource.setUsername(settings.username());
            dataSource.setPassword(settings.password());
            dataSource.setMaximumPoolSize(settings.maximumPoolSize());
        }
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        migrate(dataSource);
        return dataSource;
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(DataSource dataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private static void migrate(DataSource dataSource) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .load()
                .migrate();
        log.info(
                "Status store schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
