package dev.signingsuite.standalone;

import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.OneContainerSealer;
import dev.signingsuite.standalone.seal.RestUploads;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.standalone.seal.Sealer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code seal}: wires a {@link Sealer} to the suite this process started. */
final class SealCommand {

    /** The standalone default tenant (gateway.yml), whose API key the REST upload uses. */
    private static final String DEMO_TENANT = "demo";

    private SealCommand() {}

    static SealReport run(ConfigurableApplicationContext context, SealOptions options, PrintStream out)
            throws IOException {
        if (options.oneContainer()) {
            return runOneContainer(context, options, out);
        }
        KafkaBroker broker = context.getBean(KafkaBroker.class);
        StandaloneProperties properties = context.getBean(StandaloneProperties.class);
        // The gateway's own limits and blob store (a directory or an S3 bucket, as configured): what it
        // accepts is what seal may send.
        GatewayProperties gateway =
                context.getBean(SuiteServices.class).context("gateway").getBean(GatewayProperties.class);
        Sealer sealer = new Sealer(
                new KafkaSealClients(
                        broker.bootstrapServers(), properties.kafka().partitions(), BrokerConfig.MAX_MESSAGE_BYTES),
                context.getBean(SuiteServices.class).context("gateway").getBean(BlobStore.class),
                Topics.defaults(),
                gateway.maxDocumentSize().toBytes(),
                out,
                options.format());
        out.printf(
                "Sealing %s into %s at level %s with %s%n",
                options.inputDir(),
                options.outputDir(),
                options.level(),
                options.provider().id());
        return sealer.seal(
                options.inputDir(),
                options.outputDir(),
                options.level(),
                options.provider(),
                context.getBean(Sandbox.class).trustAnchorPem(),
                properties.sealTimeout());
    }

    /** Every file in one container, uploaded to the gateway as the demo tenant's REST client. */
    private static SealReport runOneContainer(
            ConfigurableApplicationContext context, SealOptions options, PrintStream out) throws IOException {
        KafkaBroker broker = context.getBean(KafkaBroker.class);
        StandaloneProperties properties = context.getBean(StandaloneProperties.class);
        SuiteServices services = context.getBean(SuiteServices.class);
        GatewayProperties gateway = services.context("gateway").getBean(GatewayProperties.class);
        OneContainerSealer sealer = new OneContainerSealer(
                new KafkaSealClients(
                        broker.bootstrapServers(), properties.kafka().partitions(), BrokerConfig.MAX_MESSAGE_BYTES),
                services.context("gateway").getBean(BlobStore.class),
                Topics.defaults(),
                demoTenantUploads(context),
                gateway.maxDocumentSize().toBytes(),
                out);
        out.printf(
                "Sealing %s into one container in %s at level %s with %s%n",
                options.inputDir(),
                options.outputDir(),
                options.level(),
                options.provider().id());
        try {
            return sealer.seal(
                    options.inputDir(),
                    options.outputDir(),
                    options.level(),
                    options.provider(),
                    context.getBean(Sandbox.class).trustAnchorPem(),
                    properties.sealTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sealing", e);
        }
    }

    /** The gateway's REST API in this run, as the demo tenant's client calls it. */
    static RestUploads demoTenantUploads(ConfigurableApplicationContext context) {
        SuiteServices services = context.getBean(SuiteServices.class);
        GatewayProperties gateway = services.context("gateway").getBean(GatewayProperties.class);
        int port = services.running().stream()
                .filter(service -> service.name().equals("gateway"))
                .findFirst()
                .orElseThrow()
                .port();
        String apiKey = gateway.tenants().get(DEMO_TENANT).apiKeys().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo tenant has no API key"));
        return new RestUploads(URI.create("http://127.0.0.1:" + port), apiKey);
    }
}
