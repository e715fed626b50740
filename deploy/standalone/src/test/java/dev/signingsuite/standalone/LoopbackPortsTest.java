package dev.signingsuite.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void aPickedPortLiesBelowTheRangeThatOutgoingConnectionsTakeTheirLocalPortsFrom() throws Exception {
        assumeThat(Files.isReadable(EPHEMERAL_RANGE))
                .as("Linux's ephemeral port range")
                .isTrue();
        int ephemeralLow = Integer.parseInt(
                Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);

        for (int i = 0; i < 20; i++) {
            int port = LoopbackPorts.pickFree("127.0.0.1");
            assertThat(port).isBetween(20_000, ephemeralLow - 1);
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortThatIsTakenIsRefusedWithTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LoopbackPorts.requireFree("127.0.0.1", taken.getLocalPort(), "standalone.x"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("--standalone.x=<port>");
        }
    }
}
