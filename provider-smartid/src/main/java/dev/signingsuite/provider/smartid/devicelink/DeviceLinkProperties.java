package dev.signingsuite.provider.smartid.devicelink;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The interactive Smart-ID flow: a device-link certificate choice, then a linked signature.
 *
 * @param schemeName {@code smart-id} (live) or {@code smart-id-demo} (demo and the sandbox); part
 *     of every authCode, which the app rejects when it is wrong (reference §8.2, thread #113)
 * @param lang the app's language in the link, ISO 639-2 (e.g. {@code eng})
 * @param callbackUrl where the Smart-ID app returns the browser after a same-device (Web2App)
 *     flow; https only. Without it only QR links are offered
 * @param linkRetention how long a certificate choice's link is served at most
 */
@Validated
@ConfigurationProperties("signing.smartid.device-link")
public record DeviceLinkProperties(
        @DefaultValue("smart-id") @NotNull @Pattern(regexp = "smart-id|smart-id-demo")
        String schemeName,

        @DefaultValue("eng") @NotNull @Pattern(regexp = "[a-z]{3}")
        String lang,

        URI callbackUrl,
        @DefaultValue("5m") @NotNull Duration linkRetention) {

    public DeviceLinkProperties {
        if (callbackUrl != null
                && (!"https".equals(callbackUrl.getScheme())
                        || callbackUrl.toString().contains("|")
                        || callbackUrl.getRawFragment() != null)) {
            throw new IllegalArgumentException(
                    "signing.smartid.device-link.callback-url must be https without | or #: " + callbackUrl);
        }
    }
}
