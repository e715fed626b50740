package dev.signingsuite.gateway.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The readiness member {@code db}: the status store answers. Boot's own {@code db} indicator comes
 * with its DataSource auto-configuration, which the gateway leaves out (see {@link
 * DatabaseConfiguration}), so the check is here: a connection from the pool that the driver
 * validates within a bound, well inside a probe's timeout.
 */
final class DatabaseHealth implements HealthIndicator {

    private static final int VALIDATION_SECONDS = 2;

    private final DataSource dataSource;

    DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_SECONDS)
                    ? Health.up()
                            .withDetail("database", connection.getMetaData().getDatabaseProductName())
                            .build()
                    : Health.down().withDetail("error", "connection not valid").build();
        } catch (SQLException e) {
            return Health.down()
                    .withDetail("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
