package dev.signingsuite.provider.smartid.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.provider.smartid.client.DeviceLinks.SessionType;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every test vector of the reference (§7, §14 V1–V7), recomputed by the client's own code. */
class PublishedTestVectorsTest {

    static final String SESSION_SECRET = "B98ODiVCebRedSwdTk51zFSaGYyHtY1H2A0ocAi3/Ps=";
    static final String SESSION_TOKEN = "wGIrqveE6AuGDATZKmR1mtAZ";
    static final URI BASE = URI.create("https://smart-id.com/device-link");
    static final String RP_CHALLENGE =
            "GYS+yoah6emAcVDNIajwSs6UB/M95XrDxMzXBUkwQJ9YFDipXXzGpPc7raWcuc2+TEoRc7WvIZ/7dU/iRXenYg==";
    static final String DIGEST =
            "FNZFFya5wGLv9b27fZngaWrOBqle4tGwxZuDFRBdPl1RQvxJsfoqvTbjafd+8BcehMOQGvak6zlP+F8tga4bfQ==";
    static final String CALLBACK = "https://rp.example.com/callback-url?value=RrKjjT4aggzu27YBddX1bQ";
    static final String INTERACTIONS =
            "W3sidHlwZSI6ImNvbmZpcm1hdGlvbk1lc3NhZ2UiLCJkaXNwbGF5VGV4dDIwMCI6IkxvbmdlciBkZXNjcmlwdGlvbiBvZiB0aGUgdHJhbnNhY3Rpb24gY29udGV4dCJ9LHsidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IlNob3J0IGRlc2NyaXB0aW9uIG9mIHRoZSB0cmFuc2FjdGlvbiBjb250ZXh0In1d";

    @Test
    void canonicalInteractionsExample() {
        Map<String, String> confirmation = new java.util.LinkedHashMap<>();
        confirmation.put("type", "confirmationMessage");
        confirmation.put("displayText200", "Longer description of the transaction context");
        Map<String, String> pin = new java.util.LinkedHashMap<>();
        pin.put("type", "displayTextAndPIN");
        pin.put("displayText60", "Short description of the transaction context");
        assertThat(Interactions.encode(List.of(confirmation, pin))).isEqualTo(INTERACTIONS);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "Web2App, AUTH, aegUh6gCKkXBJhhvtJqSTWB5_2W8TDQt5eZ7db6krv0",
        "Web2App, SIGN, R0iNcUp8nK1nqrcVFWerXUfWMSjwDOMC6MAHKrckaH8",
        "Web2App, CERT, PI1qYa9_l6zR-v6Pkre6ycSm7S3BGiOQSe5OQlw4UJg",
        "App2App, AUTH, 00NRcgi4Jk7WdIwgMPlyM8wRy9KMu4C_oQvd-N6PKoo",
        "App2App, SIGN, 8QZ16rkBW_ffkq6osT7UH1DbUlF9gEOZevgj-A0VNbM",
        "App2App, CERT, AtayuRPP3N59wXF8Cijwjt3pQ16knW2L-5VLDTRD_KU",
        "QR, AUTH, OY1eHaD4UYedrBwtqUbSkpa0w7ttm4FllPkCD_3wlE0",
        "QR, SIGN, 5PZVhiNDTnt1MjLz8_YCjnNtR7p0iGevaL2G1ajfMco",
        "QR, CERT, T5pDDPAjoMS0byqS-FoaWVjlubODXoCCF4XDB4HeYNo"
    })
    void v1ToV3AuthCodePerLinkAndSessionType(String linkType, SessionType type, String expected) {
        boolean qr = linkType.equals("QR");
        String unprotected = DeviceLinks.unprotectedLink(BASE, linkType, qr ? 22L : null, SESSION_TOKEN, type, "eng");
        String challenge = type == SessionType.AUTH ? RP_CHALLENGE : type == SessionType.SIGN ? DIGEST : null;
        String link = DeviceLinks.link(
                unprotected,
                linkType,
                type,
                "smart-id",
                challenge,
                "DEMO",
                "Example RP",
                type == SessionType.CERT ? null : INTERACTIONS,
                CALLBACK,
                SESSION_SECRET);
        assertThat(link).isEqualTo(unprotected + "&authCode=" + expected);
    }

    @Test
    void workedExampleWeb2AppAuthLinkAndQrLink() {
        String unprotected = DeviceLinks.unprotectedLink(BASE, "Web2App", null, SESSION_TOKEN, SessionType.AUTH, "eng");
        assertThat(DeviceLinks.link(
                        unprotected,
                        "Web2App",
                        SessionType.AUTH,
                        "smart-id",
                        RP_CHALLENGE,
                        "DEMO",
                        "Example RP",
                        INTERACTIONS,
                        CALLBACK,
                        SESSION_SECRET))
                .isEqualTo(
                        "https://smart-id.com/device-link?deviceLinkType=Web2App&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ"
                                + "&sessionType=auth&version=1.0&lang=eng&authCode=aegUh6gCKkXBJhhvtJqSTWB5_2W8TDQt5eZ7db6krv0");
        String qr = DeviceLinks.unprotectedLink(BASE, "QR", 22L, SESSION_TOKEN, SessionType.AUTH, "eng");
        assertThat(DeviceLinks.link(
                        qr,
                        "QR",
                        SessionType.AUTH,
                        "smart-id",
                        RP_CHALLENGE,
                        "DEMO",
                        "Example RP",
                        INTERACTIONS,
                        CALLBACK,
                        SESSION_SECRET))
                .isEqualTo("https://smart-id.com/device-link?deviceLinkType=QR&elapsedSeconds=22"
                        + "&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&sessionType=auth&version=1.0&lang=eng"
                        + "&authCode=OY1eHaD4UYedrBwtqUbSkpa0w7ttm4FllPkCD_3wlE0");
    }

    @Test
    void linkRulesAreEnforcedBeforeALinkIsBuilt() {
        assertThatThrownBy(() -> DeviceLinks.unprotectedLink(BASE, "QR", null, SESSION_TOKEN, SessionType.SIGN, "eng"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> DeviceLinks.unprotectedLink(BASE, "Web2App", 3L, SESSION_TOKEN, SessionType.SIGN, "eng"))
                .isInstanceOf(IllegalArgumentException.class);
        String web2app = DeviceLinks.unprotectedLink(BASE, "Web2App", null, SESSION_TOKEN, SessionType.SIGN, "eng");
        assertThatThrownBy(() -> DeviceLinks.link(
                        web2app,
                        "Web2App",
                        SessionType.SIGN,
                        "smart-id",
                        DIGEST,
                        "DEMO",
                        null,
                        INTERACTIONS,
                        null,
                        SESSION_SECRET))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void v4AuthCodeFromFullPayloads() {
        assertThat(
                        DeviceLinks.authCode(
                                "rG/kLmfR4j4SEO+TTNUEDB7z",
                                "smart-id-demo|ACSP_V2|zv++eYQ9JGnEwd3TLpzw/5pJqQQ+zhjp0kFaJfk0f39TW89wOPRUj9PX7rITfKUWQq367RGo/91Q46WNrGRLrg==|REVNTyBUcnVzdDE=||W3sidHlwZSI6ImNvbmZpcm1hdGlvbk1lc3NhZ2UiLCJkaXNwbGF5VGV4dDIwMCI6IlRFU1QgMSJ9XQ==|https://example.com/smart-id/callback|https://smart-id.com?deviceLinkType=QR&sessionToken=sessionToken&sessionType=auth&version=1.0&lang=eng"))
                .isEqualTo("yEbrTnbQ1AmnwnwGT1BGTNjvX2er1Hvun-zsWR9UwS4");
        assertThat(
                        DeviceLinks.authCode(
                                "qCej5K5F+ADc+U665zkP0bi9",
                                "smart-id-demo|ACSP_V2|FtKbl73BUkdTFvBvoz+Xg4thbS71WHBYIM7ukj8mykEns4hMWPaXeFN8nfEYwgexuJw9YIOYlqSLFyZBYAnEqw==|REVNTyBUcnVzdDE=||W3sidHlwZSI6ImNvbmZpcm1hdGlvbk1lc3NhZ2UiLCJkaXNwbGF5VGV4dDIwMCI6IlRFU1QgMSJ9XQ==||https://sid.demo.sk.ee/device-link?deviceLinkType=QR&elapsedSeconds=0&sessionToken=UhZj7BX4XWp6ZPQwI29ZoT6o&sessionType=auth&version=1.0&lang=eng"))
                .isEqualTo("Ecjsq9F38hNxP3diXalFtFFXcEklMKQUQpI7nMLre2M");
    }

    @Test
    void v5AcspV2PayloadDigest() throws Exception {
        assertThat(Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(INTERACTIONS.getBytes(UTF_8))))
                .isEqualTo("RW2HOCLDvRFNWmAOmpWE+3rt7a8q4JGQD3n75d6xJHM=");
        String payload = VerificationCodes.acspV2Payload(
                "smart-id",
                "MTlop6EXCrQ6FOErcKjxUhbV",
                RP_CHALLENGE,
                "GnsWXXEjTCKR89fj9uo5u5ReBZ9JR7_pezLAI5jMS00",
                "DEMO",
                "Example RP",
                INTERACTIONS,
                "confirmationMessage",
                CALLBACK,
                "Web2App");
        assertThat(Base64.getEncoder().encodeToString(VerificationCodes.sha512(payload)))
                .isEqualTo("pKOjbNl/5Fy8NfrFqsj6pSn8W8O+Ik8rM33QSsbyD3J9qDJvEm90SboUciuY4wHGWa0Pnq8BgT3NJKmJiUDfKg==");
    }

    @Test
    void v6VerificationCodes() throws Exception {
        assertThat(VerificationCodes.forRpChallenge(RP_CHALLENGE)).isEqualTo("7180");
        assertThat(VerificationCodes.forRpChallenge(
                        "S480uRoCX4pAb1tWqAy8WGl/AWE1RnqaP2y5iamCDhlCyQrMTVa5d8Dh34sZ+UePHXRNKTwz7QTvsIL1ls05AQ=="))
                .isEqualTo("9944");
        assertThat(VerificationCodes.calculate(new byte[] {27, -69})).isEqualTo("4555");
        Map<String, String> java = new java.util.LinkedHashMap<>();
        java.put("Hello World!", "7712");
        java.put("Hedgehogs – why can't they just share the hedge?", "4612");
        java.put("Go ahead, make my day.", "7782");
        java.put("You're gonna need a bigger boat.", "1464");
        java.put("Say 'hello' to my little friend!", "4240");
        for (Map.Entry<String, String> vector : java.entrySet()) {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(vector.getKey().getBytes(UTF_8));
            assertThat(VerificationCodes.calculate(hash)).as(vector.getKey()).isEqualTo(vector.getValue());
        }
    }

    @Test
    void v7CallbackValues() {
        assertThat(DeviceLinks.sessionSecretDigest(SESSION_SECRET))
                .isEqualTo("U4CKK13H1XFiyBofev9asqrzIrY5_Gszi_nL_zDKkBc");
        assertThat(DeviceLinks.userChallenge("XtPfaGa8JnGtYrJjboooUf0KfY9sMEHrWFpSQrsUv9c"))
                .isEqualTo("GnsWXXEjTCKR89fj9uo5u5ReBZ9JR7_pezLAI5jMS00");
        assertThat(DeviceLinks.sessionSecretDigest("Mu5+ikvpWvtQ68d6aVbq2LO8"))
                .isEqualTo("NW4wcCrORRaa0npPmDDNfRAxMQ6CFdRLI8-pSGfdRl4");
        assertThat(DeviceLinks.userChallenge("bnknvqeB2MztUFO1iqtpE1omKGZX8XzeBQ-ZGru-ppg"))
                .isEqualTo("dhkvx6qEX93a3Iq8F1SIEK08CWlybXxmWUjl9nBKnvQ");
    }
}
