package dev.signingsuite.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.signingsuite.events.Provider;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.gateway.config.GatewayProperties.AllowedSigner;
import dev.signingsuite.gateway.config.GatewayProperties.Tenant;
import dev.signingsuite.gateway.status.DocumentStatus;
import dev.signingsuite.gateway.status.StatusStore;
import dev.signingsuite.testclock.TestClock;
import dev.signingsuite.testsupport.SampleEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The standalone default: PostgreSQL started from the bundled binaries with the context, its data
 * kept in the data directory across restarts, and stopped (no process left behind) when the context
 * closes.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsItsDataAcrossRestartsAndStopsWithTheContext() {
        String documentId = UUID.randomUUID().toString();
        AtomicReference<ProcessHandle> server = new AtomicReference<>();
        AtomicInteger port = new AtomicInteger();

        runner().run(context -> {
            assertThat(context).hasNotFailed();
            EmbeddedPostgres postgres = context.getBean(EmbeddedPostgres.class);
            server.set(LeftoverServer.find(dataDir.resolve("postgres")).orElseThrow());
            port.set(postgres.getPort());
            store(context).record(SampleEvents.received(documentId, Provider.CSC), StatusStore.Source.EVENTS);
        });

        // pg_ctl reports the stop when the pid file is gone, a moment before the process has exited.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !server.get().isAlive());
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(port.get()));

        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(store(context).find(SampleEvents.TENANT, documentId))
                    .hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(DocumentStatus.RECEIVED));
        });
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

        try {
            runner().run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(JdbcClient.class)
                                .sql("SELECT count(*) FROM documents")
                                .query(Long.class)
                                .single())
                        .isZero();
            });
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !leftover.isAlive());
        } finally {
            leftover.destroyForcibly();
        }
    }

    private ApplicationContextRunner runner() {
        GatewayProperties properties = new GatewayProperties(
                DataSize.ofMegabytes(1),
                10,
                dataDir.resolve("blobs"),
                new GatewayProperties.Database(true, dataDir.resolve("postgres"), true, 0),
                Map.of(SampleEvents.TENANT, new Tenant(List.of(), List.of(new AllowedSigner(Provider.CSC, "*")))));
        return new ApplicationContextRunner()
                .withUserConfiguration(DatabaseConfiguration.class)
                .withBean(GatewayProperties.class, () -> properties)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("signing.gateway.database.embedded=true");
    }

    private static StatusStore store(ApplicationContext context) {
        return new StatusStore(
                context.getBean(JdbcClient.class), context.getBean(TransactionTemplate.class), TestClock.system());
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getInputStream();
        }
    }
}
