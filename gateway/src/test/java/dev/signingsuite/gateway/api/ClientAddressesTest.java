package dev.signingsuite.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.gateway.tenants.Cidr;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private static final ClientAddresses BEHIND_PROXY = new ClientAddresses(List.of(Cidr.parse("10.0.0.0/8")));

    @Test
    void withoutTrustedProxiesTheHeaderIsNeverRead() throws Exception {
        ClientAddresses direct = new ClientAddresses(List.of());

        assertThat(direct.of(request("10.0.0.5", "203.0.113.7"))).contains(InetAddress.getByName("10.0.0.5"));
    }

    @Test
    void aTrustedProxysHeaderIsReadFromTheRightSkippingTrustedHops() throws Exception {
        // The client wrote 192.0.2.66 itself; the first proxy appended the address it saw.
        assertThat(BEHIND_PROXY.of(request("10.0.0.5", "192.0.2.66, 203.0.113.7, 10.0.0.9")))
                .contains(InetAddress.getByName("203.0.113.7"));
        assertThat(BEHIND_PROXY.of(request("10.0.0.5", "192.0.2.66", "203.0.113.7")))
                .as("several header lines are one list")
                .contains(InetAddress.getByName("203.0.113.7"));
    }

    @Test
    void anUntrustedPeersHeaderIsIgnored() throws Exception {
        assertThat(BEHIND_PROXY.of(request("198.51.100.1", "10.0.0.1")))
                .contains(InetAddress.getByName("198.51.100.1"));
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsTheClientAndAHopThatIsNoAddressIsUnknown() throws Exception {
        assertThat(BEHIND_PROXY.of(request("10.0.0.5"))).contains(InetAddress.getByName("10.0.0.5"));
        assertThat(BEHIND_PROXY.of(request("10.0.0.5", "attacker.example"))).isEmpty();
        assertThat(BEHIND_PROXY.of(request("10.0.0.5", "[2001:db8::1]")))
                .contains(InetAddress.getByName("2001:db8::1"));
    }

    private static MockHttpServletRequest request(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/signatures/x/signature");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader(ClientAddresses.FORWARDED_FOR, header);
        }
        return request;
    }
}
