package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.database.EmbeddedDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code run} as the launcher starts it, on free ports, closed by the test like Ctrl+C would. */
@ExtendWith(OutputCaptureExtension.class)
class StandaloneApplicationIT {

    @TempDir
    Path dataDir;

    @Test
    void runStartsBrokerSandboxAndEveryServiceAndReportsReady(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context =
                StandaloneApplication.start(SuiteArguments.onFreePorts(dataDir))) {
            KafkaBroker broker = context.getBean(KafkaBroker.class);
            Sandbox sandbox = context.getBean(Sandbox.class);

            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                        .hasSize(1);
            }

            HttpResponse<String> tsa = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(sandbox.tsaUrl())
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/timestamp-query")
                                    .POST(HttpRequest.BodyPublishers.ofString("not a timestamp request"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(tsa.statusCode()).isEqualTo(400);

            assertThat(Files.isRegularFile(sandbox.trustAnchorPem())).isTrue();
            assertThat(output.getOut())
                    .contains("Signing suite standalone is ready.")
                    .contains("Kafka bootstrap   " + broker.bootstrapServers())
                    .contains("TSA               " + sandbox.tsaUrl())
                    .contains("OCSP              " + sandbox.ocspUrl())
                    .contains("Trust anchor      " + sandbox.trustAnchorPem().toAbsolutePath())
                    .contains("Press Ctrl+C to stop.");
            // Spring Integration's error logger: a message flow failed somewhere (it once did, a
            // binder polling provider-smartid's output bindings as suppliers, once a second).
            assertThat(output.getAll()).doesNotContain("o.s.integration.handler.LoggingHandler");

            SuiteServices services = context.getBean(SuiteServices.class);
            // The gateway connects to this process's PostgreSQL, whose files live in the data directory.
            EmbeddedDatabase database = context.getBean(EmbeddedDatabase.class);
            assertThat(database.dataDirectory())
                    .isEqualTo(dataDir.resolve("postgres").toAbsolutePath().normalize());
            assertThat(services.context("gateway")
                            .getBean(HikariDataSource.class)
                            .getJdbcUrl())
                    .isEqualTo(database.jdbcUrl());
            assertThat(services.running())
                    .extracting(SuiteServices.Running::name)
                    .containsExactlyInAnyOrder(
                            "gateway",
                            "hash-service",
                            "provider-csc",
                            "provider-eparaksts",
                            "provider-smartid",
                            "augmentation-service",
                            "container-service");
            for (SuiteServices.Running service : services.running()) {
                // Health includes readiness: DOWN until the service's bindings have their partitions.
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> {
                            HttpResponse<String> health = HttpClient.newHttpClient()
                                    .send(
                                            HttpRequest.newBuilder(URI.create(
                                                            "http://127.0.0.1:" + service.port() + "/actuator/health"))
                                                    .timeout(Duration.ofSeconds(10))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString());
                            assertThat(health.body()).as(service.name()).contains("\"status\":\"UP\"");
                        });
                assertThat(output.getOut()).contains(service.name());
            }
        }
    }
}
