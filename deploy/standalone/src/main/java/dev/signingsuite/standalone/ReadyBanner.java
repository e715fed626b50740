package dev.signingsuite.standalone;

import dev.signingsuite.sandbox.Sandbox;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Prints where everything listens once every service bean has started. Goes to stdout, not the
 * log, because people copy these addresses into their tools.
 */
@Component
@ConditionalOnProperty(name = "standalone.ready-banner", matchIfMissing = true)
class ReadyBanner implements ApplicationRunner {

    private final KafkaBroker broker;
    private final Sandbox sandbox;
    private final StandaloneProperties properties;
    private final ObjectProvider<SuiteServices> services;
    private final Environment environment;

    ReadyBanner(
            KafkaBroker broker,
            Sandbox sandbox,
            StandaloneProperties properties,
            ObjectProvider<SuiteServices> services,
            Environment environment) {
        this.broker = broker;
        this.sandbox = sandbox;
        this.properties = properties;
        this.services = services;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        print(System.out);
    }

    private String servicesLines() {
        SuiteServices suite = services.getIfAvailable();
        if (suite == null) {
            return "  Services          not started (standalone.services.enabled=false)";
        }
        StringBuilder lines = new StringBuilder();
        suite.running().stream()
                .filter(service -> service.name().equals("gateway"))
                .findFirst()
                .ifPresent(gateway -> lines.append(String.format(
                        Locale.ROOT,
                        "  Gateway API       http://127.0.0.1:%1$d/v1  (tenant demo, header X-API-Key: demo-key;"
                                + " Swagger UI http://127.0.0.1:%1$d/swagger-ui.html)%n"
                                + "  Operator pages    http://127.0.0.1:%1$d/operator/eparaksts and"
                                + " http://127.0.0.1:%1$d/operator/csc  (logins and approvals a person gives)%n",
                        gateway.port())));
        for (SuiteServices.Running service : suite.running()) {
            lines.append(String.format(
                    Locale.ROOT,
                    "  %-20s http://127.0.0.1:%d  (metrics: /actuator/prometheus)%n",
                    service.name(),
                    service.port()));
        }
        for (ChildProcess child : suite.processes()) {
            lines.append(String.format(
                    Locale.ROOT,
                    "  %-20s http://127.0.0.1:%d  (metrics: /actuator/prometheus; process %d, log %s)%n",
                    child.name(),
                    child.port(),
                    child.pid(),
                    child.log()));
        }
        lines.append(
                String.format(
                        Locale.ROOT,
                        "  Metrics           http://127.0.0.1:<port>/actuator/prometheus on each service above;"
                                + " Prometheus config and alerts in deploy/prometheus/, Grafana dashboards in deploy/grafana/%n"));
        return lines.toString().stripTrailing();
    }

    // Under `run` the console shows warnings only (RunLogging): say where the rest is.
    private String logLine() {
        String file = environment.getProperty(RunLogging.FILE);
        String threshold = environment.getProperty(RunLogging.CONSOLE_THRESHOLD);
        if (file == null) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "  Log               %s%s%n",
                Path.of(file).toAbsolutePath().normalize(),
                threshold == null ? "" : "  (this console shows " + threshold + " and above)");
    }

    void print(PrintStream out) {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        out.print(String.format(
                Locale.ROOT,
                """

                Signing suite standalone is ready.
                  Kafka bootstrap   %s   (broker up in %.1f s)
                  TSA               %s
                  OCSP              %s
                  CSC simulator     %s
                  Trust anchor      %s
                  Data directory    %s
                %s
                %sPress Ctrl+C to stop.

                """,
                broker.bootstrapServers(),
                broker.startupTime().toMillis() / 1000.0,
                sandbox.tsaUrl(),
                sandbox.ocspUrl(),
                sandbox.cscBaseUrl(),
                sandbox.trustAnchorPem().toAbsolutePath(),
                dataDir,
                servicesLines(),
                logLine()));
        out.flush();
    }
}
