package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A person's browser came back from the identity provider to the gateway's {@code
 * /onetime/callback} (the redirect URI of the one-time signing login, ADR 24 and 28): topic {@code
 * signing.login-callbacks.v1}, keyed by {@code state}, written by the gateway as the browser brought
 * it and read by every provider-onetime instance; the one that started the login with this {@code
 * state} exchanges the code (with the PKCE verifier and client secret only it holds), the others
 * ignore it. Deliberately not a {@link DocumentEvent}: a login names no document. The code is
 * worthless without the verifier, and is single-use and short-lived at the identity provider; it is
 * never logged ({@link #toString()} hides it).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param state the {@code state} the login was started with
 * @param code the authorization code, or null when the identity provider answered {@code error}
 * @param error the identity provider's error code (e.g. {@code access_denied}), or null
 * @param errorDescription its description, or null
 * @param receivedAt when the gateway received the callback
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoginCallbackReceived(
        int schemaVersion, String state, String code, String error, String errorDescription, Instant receivedAt) {

    public static final int SCHEMA_VERSION = 1;

    public LoginCallbackReceived {
        Checks.schemaVersion(schemaVersion);
        Checks.notBlank(state, "state");
        if ((code == null || code.isBlank()) == (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a login callback carries either a code or an error");
        }
        Checks.notNull(receivedAt, "receivedAt");
    }

    @Override
    public String toString() {
        return "LoginCallbackReceived[state=" + state + ", code=" + (code == null ? null : "***") + ", error=" + error
                + ", errorDescription=" + errorDescription + ", receivedAt=" + receivedAt + "]";
    }
}
