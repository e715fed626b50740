package dev.signingsuite.standalone.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's database in the standalone run: PostgreSQL started from the bundled binaries, its
 * data kept in the data directory across restarts, stopped (no process left behind) on close, and
 * a server that a killed run left on the directory stopped before the next start.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsItsDataAcrossRestartsAndLeavesNoServerBehind() throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        ProcessHandle server;
        int port;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(postgresDir, 0)) {
            server = LeftoverServer.find(postgresDir).orElseThrow();
            port = database.port();
            assertThat(database.jdbcUrl()).contains(":" + port + "/");
            execute(database, "CREATE TABLE documents (id text PRIMARY KEY)", "INSERT INTO documents VALUES ('d-1')");
        }

        // pg_ctl reports the stop when the pid file is gone, a moment before the process has exited.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !server.isAlive());
        assertThat(postgresDir.resolve("postmaster.pid")).doesNotExist();
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(port));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(postgresDir, 0)) {
            assertThat(query(database, "SELECT id FROM documents")).isEqualTo("d-1");
        }
    }

    @Test
    void stopsAServerThatAKilledRunLeftBehind() throws Exception {
        Path postgresDir = Files.createDirectories(dataDir.resolve("postgres"));
        Process run = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledRun.class.getName(),
                        postgresDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("killed-run.log").toFile())
                .start();
        ProcessHandle leftover;
        try {
            leftover = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> LeftoverServer.find(postgresDir), Optional::isPresent)
                    .orElseThrow();
        } finally {
            run.destroyForcibly().waitFor();
        }
        assertThat(leftover.isAlive())
                .as("a killed JVM leaves its server running")
                .isTrue();

        try (EmbeddedDatabase database = EmbeddedDatabase.start(postgresDir, 0)) {
            assertThat(leftover.isAlive())
                    .as("stopped before the new server started")
                    .isFalse();
            assertThat(LeftoverServer.find(postgresDir))
                    .hasValueSatisfying(now -> assertThat(now.pid()).isNotEqualTo(leftover.pid()));
            assertThat(query(database, "SELECT 'reachable'")).isEqualTo("reachable");
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void leavesAProcessAloneThatThePidFileNamesButThatIsNotPostgres() throws Exception {
        Path postgresDir = Files.createDirectories(dataDir.resolve("postgres"));
        // This JVM: alive, but a java, not a postgres, so never a leftover to stop.
        Files.writeString(
                postgresDir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + postgresDir + "\n");

        assertThat(LeftoverServer.find(postgresDir)).isEmpty();
    }

    private static void execute(EmbeddedDatabase database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getInputStream();
        }
    }
}
