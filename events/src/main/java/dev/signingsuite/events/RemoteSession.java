package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.time.Instant;

/**
 * What a provider started remotely and is waiting on. Published so the gateway can show the
 * verification code to the person and the provider's poller can resume after a restart.
 *
 * @param sessionId the provider's session id
 * @param verificationCode the code the person compares on the phone (Smart-ID), or null
 * @param deviceLink a link or QR payload that opens the signing app, or null
 * @param expiresAt when the provider gives up waiting, or null if unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteSession(String sessionId, String verificationCode, URI deviceLink, Instant expiresAt) {

    public RemoteSession {
        Checks.notBlank(sessionId, "sessionId");
    }
}
