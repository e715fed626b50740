package dev.signingsuite.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The gateway connects to the database configuration names, migrates it, and refuses to start without one. */
class DatabaseConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(DatabaseConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void migratesTheConfiguredDatabaseAndClosesThePoolWithTheContext() {
        String url = TestDatabases.create();
        AtomicReference<HikariDataSource> pool = new AtomicReference<>();

        runner.withPropertyValues(
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=" + TestDatabases.USER,
                        "spring.datasource.maximum-pool-size=3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HikariDataSource dataSource = context.getBean(HikariDataSource.class);
                    pool.set(dataSource);
                    assertThat(dataSource.getJdbcUrl()).isEqualTo(url);
                    assertThat(dataSource.getMaximumPoolSize()).isEqualTo(3);
                    assertThat(context.getBean(JdbcClient.class)
                                    .sql("SELECT count(*) FROM documents")
                                    .query(Long.class)
                                    .single())
                            .isZero();
                    assertThat(context.getBean(JdbcClient.class)
                                    .sql("SELECT count(*) FROM flyway_schema_history WHERE success")
                                    .query(Long.class)
                                    .single())
                            .isPositive();
                });

        assertThat(pool.get().isClosed()).isTrue();
    }

    @Test
    void refusesToStartWithoutADatabaseUrl() {
        runner.run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("spring.datasource")
                .hasMessageContaining("url"));
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new DataSourceSettings("jdbc:postgresql://db/signing", "gateway", "s3cret", 10).toString())
                .contains("jdbc:postgresql://db/signing", "gateway")
                .doesNotContain("s3cret");
    }
}
