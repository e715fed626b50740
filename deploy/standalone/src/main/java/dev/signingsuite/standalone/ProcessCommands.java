package dev.signingsuite.standalone;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.Topics;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.standalone.seal.Sealer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

/** {@code run --processes} and {@code seal --processes}: the suite as a {@link ProcessSuite}. */
final class ProcessCommands {

    /** The gateway's own limit (gateway.yml); the gateway itself runs in another process. */
    private static final long MAX_DOCUMENT_BYTES = DataSize.ofMegabytes(50).toBytes();

    private ProcessCommands() {}

    /**
     * Only the settings and logging of this process: no broker or service beans, unlike {@link
     * StandaloneApplication}; not a component, so its scan never finds this.
     */
    @EnableConfigurationProperties(StandaloneProperties.class)
    static class Settings {}

    static ConfigurableApplicationContext settings(String... springArgs) {
        return new SpringApplicationBuilder(Settings.class)
                .properties("spring.config.name=standalone")
                .web(WebApplicationType.NONE)
                .run(springArgs);
    }

    static SealReport seal(StandaloneProperties properties, SealOptions options, PrintStream out) throws IOException {
        Map<String, Integer> layout = ProcessSuite.layout(
                List.of(options.provider().id()), properties.processes().instances());
        out.printf(
                "Starting %d Kafka nodes, PostgreSQL, %sand %d service processes (logs in %s)%n",
                properties.processes().brokers(),
                properties.processes().s3() ? "an S3 server " : "",
                layout.values().stream().mapToInt(Integer::intValue).sum(),
                properties.dataDir().toAbsolutePath().normalize().resolve("processes"));
        try (ProcessSuite suite = ProcessSuite.start(properties, layout)) {
            Sealer sealer = new Sealer(
                    new KafkaSealClients(
                            suite.bootstrapServers(), properties.kafka().partitions(), BrokerConfig.MAX_MESSAGE_BYTES),
                    suite.blobStore(),
                    Topics.defaults(),
                    MAX_DOCUMENT_BYTES,
                    out,
                    options.format());
            out.printf(
                    "Sealing %s into %s at level %s with %s%n",
                    options.inputDir(),
                    options.outputDir(),
                    options.level(),
                    options.provider().id());
            SealReport report = sealer.seal(
                    options.inputDir(),
                    options.outputDir(),
                    options.level(),
                    options.provider(),
                    suite.sandbox().trustAnchorPem(),
                    properties.sealTimeout());
            report.print(out);
            suite.report().print(out);
            return report;
        }
    }

    /** Starts the layout, prints where it is, and stays up until Ctrl+C or SIGTERM. */
    static void run(StandaloneProperties properties, String provider, PrintStream out) throws IOException {
        List<String> providers = provider != null
                ? List.of(provider)
                : Arrays.stream(Provider.values()).map(Provider::id).toList();
        ProcessSuite suite = ProcessSuite.start(
                properties,
                ProcessSuite.layout(providers, properties.processes().instances()));
        out.printf(
                "%nSigning suite ready, as %d processes and PostgreSQL%n",
                suite.processes().size() + 1);
        out.printf("  gateway         http://127.0.0.1:%d%n", suite.gatewayPort());
        out.printf("  Kafka           %s%n", suite.bootstrapServers());
        out.printf("  sandbox         %s%n", suite.sandbox().baseUrl());
        out.printf("  logs            %s%n", suite.logs());
        for (ChildProcess child : suite.processes()) {
            out.printf(
                    "  %-22s instance %d  pid %-7d port %d%n",
                    child.name(), child.instance(), child.pid(), child.port());
        }
        out.println("Ctrl+C stops every process.");
        out.flush();
        // The shutdown hook ProcessSuite registered stops the children; this thread only waits.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
