package dev.signingsuite.provider.onetime.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The OpenID Connect identity provider the person logs in at before a one-time signing opens
 * (authorization code with PKCE; the suite is a confidential client).
 *
 * @param issuer the identity provider's issuer; its discovery document is at {@code
 *     <issuer>/.well-known/openid-configuration}, and ID tokens must name it as {@code iss}
 * @param clientId the suite's client id, the ID tokens' required audience
 * @param clientSecret its secret (HTTP Basic at the token endpoint); never logged, never in {@link
 *     #toString()}
 * @param redirectUri the registered redirect URI: the gateway's {@code /onetime/callback}
 * @param identifierClaim the ID token claim with the national identifier (ETSI EN 319 412-1
 *     semantics, e.g. {@code PNOLV-010101-10006})
 * @param scope what is asked for; {@code openid} at least
 * @param lifetime how long a person has to log in; the documents then fail {@code TIMEOUT}
 * @param timeout one HTTP request's timeout
 * @param automatic sandbox only: the test person the sandbox's identity provider logs in at once, as
 *     the eParaksts simulator's person approves (null: a person logs in)
 */
@Validated
@ConfigurationProperties("signing.onetime.login")
public record LoginProperties(
        @NotNull URI issuer,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotNull URI redirectUri,
        @DefaultValue("serial_number") @NotBlank String identifierClaim,
        @DefaultValue("openid profile") @NotBlank String scope,
        @DefaultValue("10m") @NotNull Duration lifetime,
        @DefaultValue("10s") @NotNull Duration timeout,
        Automatic automatic) {

    /**
     * The sandbox's test person, logged in at once by the sandbox's identity provider itself (its
     * {@code /sandbox/test-person/login}): the service plays no browser and holds no password.
     */
    public record Automatic(@NotBlank String person) {}

    @Override
    public String toString() {
        return "LoginProperties[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***, redirectUri="
                + redirectUri + ", identifierClaim=" + identifierClaim + ", lifetime=" + lifetime + ", automatic="
                + automatic + "]";
    }
}
