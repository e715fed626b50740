package dev.signingsuite.standalone;

import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.csc.CscSettings;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sandbox trust services (test PKI, TSA, OCSP) as a bean the context starts and stops. */
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

    private static final String HOST = "127.0.0.1";

    @Bean(destroyMethod = "close")
    Sandbox sandbox(StandaloneProperties properties) throws IOException {
        return start(properties);
    }

    /**
     * On the port the data directory's test PKI names in its certificates (see {@link SandboxPort}),
     * which is the configured one on first use.
     */
    static Sandbox start(StandaloneProperties properties) throws IOException {
        // Its own subdirectory: the sandbox keeps its keys there, Kafka owns data/kafka.
        Path dir = properties.dataDir().resolve("sandbox");
        int port = SandboxPort.choose(dir, properties.sandbox().port());
        if (port != 0) {
            // Same clear "port in use" report as for the broker, instead of a raw BindException.
            LoopbackPorts.requireFree(HOST, port, "standalone.sandbox.port");
        }
        Sandbox sandbox = Sandbox.start(new SandboxSettings(dir, HOST, port)
                .withCsc(CscSettings.defaults().withProfile(properties.sandbox().cscProfile())));
        try {
            SandboxPort.remember(dir, sandbox.baseUrl().getPort());
        } catch (IOException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }
}
