package dev.signingsuite.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressGuardTest {

    /** Host names resolve through this table, never through DNS. */
    private static final Map<String, List<String>> HOSTS = Map.of(
            "public.example", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
            "mixed.example", List.of("93.184.216.34", "10.1.2.3"),
            "rebound.example", List.of("127.0.0.1"),
            "metadata.example", List.of("169.254.169.254"));

    private static AddressGuard guard(boolean loopback, boolean privateRanges) {
        return new AddressGuard(loopback, privateRanges, host -> {
            List<InetAddress> addresses = new ArrayList<>();
            for (String address : HOSTS.getOrDefault(host, List.of(host))) {
                addresses.add(InetAddress.getByName(address)); // literals only: no lookup
            }
            return addresses;
        });
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, loopback",
        "::1, loopback",
        "10.0.0.1, private",
        "172.16.5.4, private",
        "192.168.1.1, private",
        "169.254.169.254, private",
        "100.64.0.1, private",
        "fd00::1, private",
        "fe80::1, private",
        "0.0.0.0, non-unicast",
        "224.0.0.1, non-unicast",
        "::ffff:10.0.0.1, private"
    })
    void refusesAddressesInsideTheNetwork(String address, String kind) throws UnknownHostException {
        assertThat(guard(false, false).refusal(address)).contains(kind + " address");
    }

    @Test
    void allowsPublicHostsAndRefusesAHostWithOnePrivateAddress() throws UnknownHostException {
        AddressGuard guard = guard(false, false);

        assertThat(guard.refusal("public.example")).isNull();
        assertThat(guard.refusal("mixed.example")).isEqualTo("mixed.example resolves to private address 10.1.2.3");
        assertThat(guard.refusal("rebound.example")).contains("loopback address 127.0.0.1");
        assertThat(guard.refusal("metadata.example")).contains("private address 169.254.169.254");
    }

    @Test
    void aDeploymentMayAllowLoopbackOrPrivateRangesButNothingElse() throws UnknownHostException {
        assertThat(guard(true, false).refusal("127.0.0.1")).isNull();
        assertThat(guard(true, false).refusal("10.0.0.1")).contains("private");
        assertThat(guard(false, true).refusal("10.0.0.1")).isNull();
        assertThat(guard(false, true).refusal("127.0.0.1")).contains("loopback");
        assertThat(guard(true, true).refusal("0.0.0.0")).contains("non-unicast");
    }

    @Test
    void aHostThatDoesNotResolveIsNotRefusedButRetried() {
        AddressGuard guard = new AddressGuard(false, false, host -> List.of());
        assertThatThrownBy(() -> guard.refusal("nowhere.example")).isInstanceOf(UnknownHostException.class);
    }
}
