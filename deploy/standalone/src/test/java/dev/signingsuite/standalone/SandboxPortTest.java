package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.sandbox.Sandbox;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A data directory's test PKI names its sandbox port in every certificate (OCSP and CA addresses):
 * a restart on the same directory must come back on that port, or say clearly why it cannot.
 */
class SandboxPortTest {

    @TempDir
    Path data;

    @Test
    void aRestartWithPortZeroComesBackOnThePortThePkiNames() throws Exception {
        int first;
        try (Sandbox sandbox = SandboxConfiguration.start(properties(0))) {
            first = sandbox.baseUrl().getPort();
        }
        try (Sandbox again = SandboxConfiguration.start(properties(0))) {
            assertThat(again.baseUrl().getPort()).isEqualTo(first);
            assertThat(again.ocspUrl().toString()).contains(":" + first + "/");
        }
    }

    @Test
    void anotherExplicitPortIsRefusedNamingTheSetting() throws Exception {
        SandboxPort.remember(data.resolve("sandbox"), 23_456);

        assertThatThrownBy(() -> SandboxPort.choose(data.resolve("sandbox"), 23_457))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--standalone.sandbox.port=23456")
                .hasMessageContaining("--standalone.data-dir");
        assertThat(SandboxPort.choose(data.resolve("sandbox"), 23_456)).isEqualTo(23_456);
    }

    @Test
    void aRememberedPortThatIsTakenIsRefusedInOneSentence() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            SandboxPort.remember(data.resolve("sandbox"), taken.getLocalPort());

            assertThatThrownBy(() -> SandboxPort.choose(data.resolve("sandbox"), 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void aDirectoryWithoutARememberedPortTakesTheConfiguredOne() throws Exception {
        assertThat(SandboxPort.choose(data.resolve("sandbox"), 8190)).isEqualTo(8190);
    }

    private StandaloneProperties properties(int sandboxPort) {
        return new Binder(new MapConfigurationPropertySource(java.util.Map.of(
                        "standalone.data-dir",
                        data.toString(),
                        "standalone.sandbox.port",
                        Integer.toString(sandboxPort))))
                .bindOrCreate("standalone", StandaloneProperties.class);
    }
}
