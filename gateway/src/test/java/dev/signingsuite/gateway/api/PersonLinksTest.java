package dev.signingsuite.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignerRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PersonLinksTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final String documentId = UUID.randomUUID().toString();

    @Test
    void anIssuedLinkNamesItsTenantAndDocumentUntilItExpires() {
        String capability =
                capabilityOf(links(NOW).smartIdPage("demo", documentId).orElseThrow());

        assertThat(links(NOW.plus(LIFETIME).minusSeconds(1)).verify(capability))
                .contains(new PersonLinks.Capability("demo", documentId));
        assertThat(links(NOW.plus(LIFETIME)).verify(capability)).isEmpty();
    }

    @Test
    void aPersonPageOnlyWhereAPersonActsARegisteredDeviceIncludedAndASealNot() {
        PersonLinks links = links(NOW);
        assertThat(links.page(new SignerRef(Provider.SMARTID, "PNOEE-40504040001-DEM0-Q"), "demo", documentId))
                .hasValueSatisfying(page -> assertThat(page).startsWith(PersonLinks.SMARTID_PAGE));
        assertThat(links.page(new SignerRef(Provider.ONETIME, "PNOLV-010101-10006/ONE TIME"), "demo", documentId))
                .hasValueSatisfying(page -> assertThat(page).startsWith(PersonLinks.ONETIME_PAGE));
        assertThat(links.page(new SignerRef(Provider.CSC, "device-7f3a"), "demo", documentId))
                .hasValueSatisfying(page -> assertThat(page).startsWith(PersonLinks.DEVICE_PAGE));
        assertThat(links.page(new SignerRef(Provider.CSC, "sandbox-seal"), "demo", documentId))
                .isEmpty();
        assertThat(links.page(new SignerRef(Provider.EPARAKSTS, "sandbox-seal"), "demo", documentId))
                .isEmpty();
        String device = links.page(new SignerRef(Provider.CSC, "device-7f3a"), "demo", documentId)
                .orElseThrow();
        assertThat(links.verify(device.substring(PersonLinks.DEVICE_PAGE.length())))
                .contains(new PersonLinks.Capability("demo", documentId));
    }

    @Test
    void anAlteredOrForeignCapabilityIsRefused() {
        String capability =
                capabilityOf(links(NOW).smartIdPage("demo", documentId).orElseThrow());
        String[] parts = capability.split("\\.");
        String otherTenant = Base64.getUrlEncoder().withoutPadding().encodeToString("globex".getBytes());
        String otherDocument = UUID.randomUUID().toString();
        long later = Long.parseLong(parts[2]) + 3600;
        PersonLinks links = links(NOW);

        assertThat(links.verify(String.join(".", otherTenant, parts[1], parts[2], parts[3])))
                .isEmpty();
        assertThat(links.verify(String.join(".", parts[0], otherDocument, parts[2], parts[3])))
                .isEmpty();
        assertThat(links.verify(String.join(".", parts[0], parts[1], Long.toString(later), parts[3])))
                .isEmpty();
        assertThat(links.verify(capability.substring(0, capability.length() - 2) + "AA"))
                .isEmpty();
        assertThat(links.verify("not-a-capability")).isEmpty();
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes();
        assertThat(new PersonLinks(otherKey, LIFETIME, Clock.fixed(NOW, ZoneOffset.UTC)).verify(capability))
                .isEmpty();
        assertThat(new PersonLinks(null, LIFETIME, Clock.fixed(NOW, ZoneOffset.UTC)).smartIdPage("demo", documentId))
                .isEmpty();
    }

    @Test
    void aKeyShorterThan32BytesOrNotBase64StopsTheStart() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
        assertThatThrownBy(() -> new SmartIdLinkProperties(null, shortKey, LIFETIME))
                .hasMessageContaining("at least 32 bytes, was 31");
        assertThatThrownBy(() -> new SmartIdLinkProperties(null, "not base64!", LIFETIME))
                .hasMessageContaining("not base64");
        assertThat(new SmartIdLinkProperties(null, Base64.getEncoder().encodeToString(KEY), LIFETIME).pageKeyBytes())
                .isEqualTo(KEY);
    }

    private static PersonLinks links(Instant at) {
        return new PersonLinks(KEY, LIFETIME, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static String capabilityOf(String url) {
        assertThat(url).startsWith(PersonLinks.SMARTID_PAGE);
        return url.substring(PersonLinks.SMARTID_PAGE.length());
    }
}
