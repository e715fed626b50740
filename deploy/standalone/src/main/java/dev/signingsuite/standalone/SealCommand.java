package dev.signingsuite.standalone;

import dev.signingsuite.blobstore.FileSystemBlobStore;
import dev.signingsuite.events.Topics;
import dev.signingsuite.gateway.config.GatewayProperties;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.standalone.Invocation.SealOptions;
import dev.signingsuite.standalone.seal.KafkaSealClients;
import dev.signingsuite.standalone.seal.SealReport;
import dev.signingsuite.standalone.seal.Sealer;
import java.io.IOException;
import java.io.PrintStream;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code seal}: wires a {@link Sealer} to the suite this process started. */
final class SealCommand {

    private SealCommand() {}

    static SealReport run(ConfigurableApplicationContext context, SealOptions options, PrintStream out)
            throws IOException {
        KafkaBroker broker = context.getBean(KafkaBroker.class);
        StandaloneProperties properties = context.getBean(StandaloneProperties.class);
        // The gateway's own limits and blob store: what it accepts is what seal may send.
        GatewayProperties gateway =
                context.getBean(SuiteServices.class).context("gateway").getBean(GatewayProperties.class);
        Sealer sealer = new Sealer(
                new KafkaSealClients(
                        broker.bootstrapServers(), properties.kafka().partitions(), BrokerConfig.MAX_MESSAGE_BYTES),
                new FileSystemBlobStore(gateway.blobRoot()),
                Topics.defaults(),
                gateway.maxDocumentSize().toBytes(),
                out);
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
}
