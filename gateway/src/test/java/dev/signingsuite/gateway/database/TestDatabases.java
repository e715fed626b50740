package dev.signingsuite.gateway.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.gateway.status.StatusStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for the gateway's tests, from the embedded binaries: the gateway only connects
 * to a database, so its tests bring the server. One server per test JVM (started on first use,
 * stopped by the library's shutdown hook), and an empty database for each caller, so that test
 * classes and application contexts never see each other's rows.
 */
public final class TestDatabases {

    public static final String USER = "postgres";

    private static EmbeddedPostgres server;
    private static int created;

    private TestDatabases() {}

    /** Creates an empty database and returns its JDBC URL (user {@link #USER}, no password). */
    public static synchronized String create() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
            }
            String name = "gateway_test_" + ++created;
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return server.getJdbcUrl(USER, name);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot provide a PostgreSQL database for the tests", e);
        }
    }

    /** A pool on a database of its own with the gateway's migrations applied (for tests without Spring). */
    public static HikariDataSource migrated() {
        return migrated(10);
    }

    public static HikariDataSource migrated(int maximumPoolSize) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(create());
        dataSource.setUsername(USER);
        dataSource.setMaximumPoolSize(maximumPoolSize);
        Flyway.configure()
                .dataSource(dataSource)
                .locations(StatusStore.MIGRATIONS)
                .load()
                .migrate();
        return dataSource;
    }

    /**
     * Points a Spring test's {@code spring.datasource.*} at a database of its own; call from a
     * {@code @DynamicPropertySource} method, which runs once per application context.
     */
    public static void register(DynamicPropertyRegistry registry) {
        String url = create();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
    }
}
