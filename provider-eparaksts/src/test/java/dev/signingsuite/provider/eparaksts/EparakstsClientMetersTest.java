package dev.signingsuite.provider.eparaksts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signingsuite.provider.eparaksts.client.EparakstsCallException;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import dev.signingsuite.sandbox.eparaksts.EparakstsSettings;
import dev.signingsuite.testclock.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every platform call is timed as {@code signing.provider.requests} with the tags the dashboards
 * group by (provider, operation, outcome), whether the platform answers or refuses.
 */
class EparakstsClientMetersTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aRefusedCodeExchangeIsTimedAsAClientError() {
        EparakstsClient client = client();

        assertThatThrownBy(() -> client.exchangeCode("a-code-never-issued")).isInstanceOf(EparakstsCallException.class);

        assertThat(meters.get("signing.provider.requests")
                        .tags("provider", "eparaksts", "operation", "token", "outcome", "client_error")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aCompletedLoginTimesTheRedirectAndTheTokenAsSuccesses() {
        EparakstsClient client = client();

        String query = client.visitAuthorize(client.authorizeUrl("state-1")).getRawQuery();
        String code = URLDecoder.decode(query.replaceAll("(?:.*&)?code=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        assertThat(client.exchangeCode(code).value()).isNotBlank();

        assertThat(meters.get("signing.provider.requests")
                        .tags("provider", "eparaksts", "operation", "authorize", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("signing.provider.requests")
                        .tags("provider", "eparaksts", "operation", "token", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    private EparakstsClient client() {
        return new EparakstsClient(
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                properties(),
                TestClock.system(),
                meters);
    }

    private static EparakstsProperties properties() {
        return TestProperties.of(
                TestSandbox.get().eparakstsBaseUrl(),
                EparakstsSettings.DEFAULT_CLIENT_ID,
                EparakstsSettings.DEFAULT_CLIENT_SECRET,
                null,
                false,
                Duration.ofSeconds(5),
                new EparakstsProperties.Retry(3, Duration.ofMillis(500)),
                new EparakstsProperties.Approval(1000, Duration.ofSeconds(2), "sha256"));
    }
}
