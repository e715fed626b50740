package dev.signingsuite.provider.eparaksts;

import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import java.net.URI;
import java.time.Duration;

/** Provider properties for tests: what a test chooses, the configured defaults for the rest. */
final class TestProperties {

    static final URI REDIRECT_URI = URI.create("http://127.0.0.1/eparaksts/callback");

    private TestProperties() {}

    static EparakstsProperties of(
            URI baseUrl,
            String clientId,
            String clientSecret,
            String defaultSeal,
            boolean autoLogin,
            Duration waitForAuthorisation,
            EparakstsProperties.Retry retry,
            EparakstsProperties.Approval approval) {
        return new EparakstsProperties(
                baseUrl,
                clientId,
                clientSecret,
                REDIRECT_URI,
                defaultSeal,
                autoLogin,
                Duration.ofSeconds(60),
                null,
                null,
                null,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                new EparakstsProperties.Batch(100, 500, 1, 6),
                waitForAuthorisation,
                retry,
                approval);
    }
}
