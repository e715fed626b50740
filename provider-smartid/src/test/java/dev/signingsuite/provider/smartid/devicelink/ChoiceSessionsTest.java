package dev.signingsuite.provider.smartid.devicelink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.provider.smartid.client.DeviceLinks;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.testclock.MutableClock;
import dev.signingsuite.testclock.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The links of an open certificate choice: aged by the second, fresh authCode, gone when expired. */
class ChoiceSessionsTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00Z");
    private static final SmartIdClient.DeviceLinkSession SESSION = new SmartIdClient.DeviceLinkSession(
            "fa20fd1e-e320-4c68-8315-f6a507a0b4a9",
            "wGIrqveE6AuGDATZKmR1mtAZ",
            "B98ODiVCebRedSwdTk51zFSaGYyHtY1H2A0ocAi3/Ps=",
            URI.create("https://smart-id.com/device-link"));

    private final MutableClock clock = TestClock.startingAt(RECEIVED);
    private final ChoiceSessions choices =
            new ChoiceSessions(new DeviceLinkProperties("smart-id", "eng", null, Duration.ofMinutes(5)), "DEMO", clock);

    @Test
    void theQrLinkAgesWithTheSessionAndCarriesTheAuthCodeOfThatAge() {
        choices.open("doc-1", SESSION, RECEIVED, null);
        clock.set(RECEIVED.plusMillis(22_700));

        ChoiceSessions.CurrentLinks links = choices.links("doc-1").orElseThrow();

        String unprotected = "https://smart-id.com/device-link?deviceLinkType=QR&elapsedSeconds=22"
                + "&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&sessionType=cert&version=1.0&lang=eng";
        assertThat(links.elapsedSeconds()).isEqualTo(22);
        assertThat(links.qr()).startsWith(unprotected + "&authCode=");
        // The payload of reference §8.2 for a certificate choice: no protocol, digest or interactions.
        String payload = "smart-id|||REVNTw==||||" + unprotected;
        assertThat(links.qr()).endsWith("&authCode=" + DeviceLinks.authCode(SESSION.sessionSecret(), payload));
        assertThat(links.web2App()).isNull();

        clock.set(RECEIVED.plusSeconds(23));
        assertThat(choices.links("doc-1").orElseThrow().qr())
                .contains("elapsedSeconds=23&")
                .isNotEqualTo(links.qr());
    }

    @Test
    void aCallbackAddsTheWeb2AppLinkWhichNamesNoAge() {
        choices.open("doc-2", SESSION, RECEIVED, "https://rp.example.com/callback?value=abc");
        String web2App = choices.links("doc-2").orElseThrow().web2App();
        assertThat(web2App)
                .startsWith("https://smart-id.com/device-link?deviceLinkType=Web2App&sessionToken=")
                .doesNotContain("elapsedSeconds");
    }

    @Test
    void closedExpiredAndUnknownChoicesHaveNoLinks() {
        assertThat(choices.links("unknown")).isEmpty();
        choices.open("doc-3", SESSION, RECEIVED, null);
        choices.close("doc-3");
        assertThat(choices.links("doc-3")).isEmpty();
        choices.open("doc-4", SESSION, RECEIVED, null);
        clock.set(RECEIVED.plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertThat(choices.links("doc-4")).isEmpty();
    }
}
