package dev.signingsuite.sandbox.smartid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signingsuite.sandbox.smartid.DeviceLinkScan.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The phone's link checks against the published authCode vectors (reference §14 V1–V3). */
class DeviceLinkScanTest {

    private static final String BASE = "https://smart-id.com/device-link";
    private static final String SECRET = "B98ODiVCebRedSwdTk51zFSaGYyHtY1H2A0ocAi3/Ps=";
    private static final String CALLBACK = "https://rp.example.com/callback-url?value=RrKjjT4aggzu27YBddX1bQ";
    private static final String DIGEST =
            "FNZFFya5wGLv9b27fZngaWrOBqle4tGwxZuDFRBdPl1RQvxJsfoqvTbjafd+8BcehMOQGvak6zlP+F8tga4bfQ==";
    private static final String INTERACTIONS =
            "W3sidHlwZSI6ImNvbmZpcm1hdGlvbk1lc3NhZ2UiLCJkaXNwbGF5VGV4dDIwMCI6IkxvbmdlciBkZXNjcmlwdGlvbiBvZiB0aGUgdHJhbnNhY3Rpb24gY29udGV4dCJ9LHsidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IlNob3J0IGRlc2NyaXB0aW9uIG9mIHRoZSB0cmFuc2FjdGlvbiBjb250ZXh0In1d";
    private static final List<String> CERT_PAYLOAD = List.of("smart-id", "", "", "REVNTw==", "RXhhbXBsZSBSUA==", "");
    private static final List<String> SIGN_PAYLOAD =
            List.of("smart-id", "RAW_DIGEST_SIGNATURE", DIGEST, "REVNTw==", "RXhhbXBsZSBSUA==", INTERACTIONS);
    private static final String QR_CERT = BASE
            + "?deviceLinkType=QR&elapsedSeconds=22&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&sessionType=cert"
            + "&version=1.0&lang=eng&authCode=T5pDDPAjoMS0byqS-FoaWVjlubODXoCCF4XDB4HeYNo";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void publishedQrCertificateChoiceLinkIsAcceptedWhenFresh() {
        assertThat(check(QR_CERT, "QR", "cert", CERT_PAYLOAD, CALLBACK, NOW.minusSeconds(22)))
                .isEqualTo(Verdict.ACCEPTED);
        // 2 s of tolerance either way, and no more.
        assertThat(check(QR_CERT, "QR", "cert", CERT_PAYLOAD, null, NOW.minusSeconds(24)))
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(check(QR_CERT, "QR", "cert", CERT_PAYLOAD, null, NOW.minusSeconds(25)))
                .isEqualTo(Verdict.STALE);
        assertThat(check(QR_CERT, "QR", "cert", CERT_PAYLOAD, null, NOW.minusSeconds(19)))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void publishedSignatureLinksAreAcceptedQrWithoutAndWeb2AppWithTheCallback() {
        String qr = BASE + "?deviceLinkType=QR&elapsedSeconds=22&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ"
                + "&sessionType=sign&version=1.0&lang=eng&authCode=5PZVhiNDTnt1MjLz8_YCjnNtR7p0iGevaL2G1ajfMco";
        assertThat(check(qr, "QR", "sign", SIGN_PAYLOAD, CALLBACK, NOW.minusSeconds(22)))
                .isEqualTo(Verdict.ACCEPTED);
        String web2App = BASE + "?deviceLinkType=Web2App&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ"
                + "&sessionType=sign&version=1.0&lang=eng&authCode=R0iNcUp8nK1nqrcVFWerXUfWMSjwDOMC6MAHKrckaH8";
        assertThat(check(web2App, "Web2App", "sign", SIGN_PAYLOAD, CALLBACK, NOW.minusSeconds(100)))
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(check(web2App, "Web2App", "sign", SIGN_PAYLOAD, null, NOW)).isEqualTo(Verdict.PROTOCOL_FAILURE);
        assertThat(check(web2App, "QR", "sign", SIGN_PAYLOAD, CALLBACK, NOW)).isEqualTo(Verdict.PROTOCOL_FAILURE);
    }

    @Test
    void tamperedReorderedOrMismatchedLinksAreProtocolFailures() {
        Instant created = NOW.minusSeconds(22);
        String tampered = QR_CERT.substring(0, QR_CERT.length() - 1) + "p";
        assertThat(check(tampered, "QR", "cert", CERT_PAYLOAD, null, created)).isEqualTo(Verdict.PROTOCOL_FAILURE);
        String reordered = QR_CERT.replace(
                "deviceLinkType=QR&elapsedSeconds=22&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ",
                "deviceLinkType=QR&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&elapsedSeconds=22");
        assertThat(check(reordered, "QR", "cert", CERT_PAYLOAD, null, created)).isEqualTo(Verdict.PROTOCOL_FAILURE);
        assertThat(check(QR_CERT.replace("version=1.0", "version=1.1"), "QR", "cert", CERT_PAYLOAD, null, created))
                .isEqualTo(Verdict.PROTOCOL_FAILURE);
        // The right link for another session kind, or with another relying party name.
        assertThat(check(QR_CERT, "QR", "sign", CERT_PAYLOAD, null, created)).isEqualTo(Verdict.PROTOCOL_FAILURE);
        assertThat(check(
                        QR_CERT,
                        "QR",
                        "cert",
                        List.of("smart-id", "", "", "ZGVtbw==", "RXhhbXBsZSBSUA==", ""),
                        null,
                        created))
                .isEqualTo(Verdict.PROTOCOL_FAILURE);
        assertThat(check(
                        QR_CERT,
                        "QR",
                        "cert",
                        List.of("smart-id-demo", "", "", "REVNTw==", "RXhhbXBsZSBSUA==", ""),
                        null,
                        created))
                .isEqualTo(Verdict.PROTOCOL_FAILURE);
    }

    @Test
    void linksOfAnotherBaseOrWithoutAuthCodeNameNoSession() {
        assertThat(DeviceLinkScan.parse(QR_CERT, "https://sid.demo.sk.ee/device-link"))
                .isNull();
        assertThat(DeviceLinkScan.parse(QR_CERT.substring(0, QR_CERT.indexOf("&authCode")), BASE))
                .isNull();
        assertThat(DeviceLinkScan.parse(QR_CERT, BASE).sessionToken()).isEqualTo("wGIrqveE6AuGDATZKmR1mtAZ");
    }

    private static Verdict check(
            String link,
            String flowType,
            String sessionType,
            List<String> payload,
            String callback,
            Instant createdAt) {
        return DeviceLinkScan.parse(link, BASE)
                .check(BASE, flowType, sessionType, payload, callback, SECRET, createdAt, NOW, Duration.ofSeconds(2))
                .verdict();
    }
}
