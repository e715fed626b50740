package dev.signingsuite.gateway;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another gateway instance on the database and broker of {@link RunningGateway}'s, as a second
 * replica would run: the same configuration (its start writes the configured tenants again, which
 * must leave the first instance's keys working), its own port. Its consumers stay stopped: only its
 * API is under test, and the first instance's partitions stay where they are.
 */
final class SecondGateway implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static SecondGateway start(String databaseUrl, String brokers) {
        // Arguments, not default properties: those rank below the configuration files' own values.
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres",
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.cloud.stream.default.consumer.auto-startup=false",
                "--signing.blob-store.root=target/api-it-blobs",
                "--signing.gateway.smartid.page-key=" + RunningGateway.PAGE_KEY,
                "--logging.level.kafka=WARN",
                "--logging.level.org.apache.kafka=WARN"));
        // RunningGateway's tenants: the same configuration on every instance.
        arguments.addAll(InstanceTenants.arguments());
        return new SecondGateway(GatewayApplication.builder().run(arguments.toArray(String[]::new)));
    }

    String url() {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
