package dev.signingsuite.gateway.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void aNetworkContainsItsAddressesAndNoOthers() throws Exception {
        Cidr network = Cidr.parse("203.0.113.0/24");

        assertThat(network.contains(InetAddress.getByName("203.0.113.0"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("203.0.113.255"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("203.0.114.1"))).isFalse();
        assertThat(network.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("198.51.100.7").contains(InetAddress.getByName("198.51.100.7")))
                .isTrue();
        assertThat(Cidr.parse("198.51.100.7").contains(InetAddress.getByName("198.51.100.8")))
                .isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("192.0.2.1")))
                .isTrue();
    }

    @Test
    void ipv6NetworksAndPrefixesThatAreNotOnAByteBoundary() throws Exception {
        Cidr network = Cidr.parse("2001:db8:8000::/33");

        assertThat(network.contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("2001:db8:7fff::1"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/9").contains(InetAddress.getByName("10.127.255.255")))
                .isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains(InetAddress.getByName("10.128.0.0")))
                .isFalse();
    }

    @Test
    void hostBitsAreClearedSoOneNetworkHasOneSpelling() {
        assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
    }

    @Test
    void namesAndMalformedNetworksAreRefusedNamingThemselves() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Cidr.parse("example.com"))
                .withMessageContaining("'example.com'");
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.0.0.0/33"));
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.0.0.0/x"));
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.0.0.0/8/8"));
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(""));
    }
}
