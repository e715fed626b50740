package dev.signingsuite.standalone;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sandbox trust services (test PKI, TSA, OCSP) as a bean the context starts and stops. */
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

    private static final String HOST = "127.0.0.1";

    @Bean(destroyMethod = "close")
    Sandbox sandbox(StandaloneProperties properties) throws IOException {
        int port = properties.sandbox().port();
        if (port != 0) {
            // Same clear "port in use" report as for the broker, instead of a raw BindException.
            LoopbackPorts.requireFree(HOST, port, "standalone.sandbox.port");
        }
        // Its own subdirectory: the sandbox keeps its keys there, Kafka owns data/kafka.
        return Sandbox.start(new SandboxSettings(properties.dataDir().resolve("sandbox"), HOST, port));
    }
}
