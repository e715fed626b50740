package dev.signingsuite.provider.smartid.devicelink;

import dev.signingsuite.provider.smartid.client.DeviceLinks;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate-choice sessions waiting for a scan, by document id, with their secrets: held in
 * this instance's memory only, never written to Kafka or logs (reference §8.1: the secret never
 * leaves the RP backend). After a restart the links of open choices can no longer be built; their
 * documents fail when the session expires.
 */
public final class ChoiceSessions {

    /** One open certificate choice. */
    public record Choice(
            String documentId,
            SmartIdClient.DeviceLinkSession session,
            Instant receivedAt,
            String callbackUrl,
            Instant expiresAt) {}

    /** The links to show now: QR always, Web2App when a callback is configured. */
    public record CurrentLinks(String sessionId, long elapsedSeconds, String qr, String web2App) {}

    private final Map<String, Choice> byDocument = new ConcurrentHashMap<>();
    private final DeviceLinkProperties properties;
    private final String relyingPartyName;
    private final Clock clock;

    public ChoiceSessions(DeviceLinkProperties properties, String relyingPartyName, Clock clock) {
        this.properties = properties;
        this.relyingPartyName = relyingPartyName;
        this.clock = clock;
    }

    public void open(String documentId, SmartIdClient.DeviceLinkSession session, Instant receivedAt, String callback) {
        Instant now = clock.instant();
        byDocument.values().removeIf(c -> c.expiresAt().isBefore(now));
        byDocument.put(
                documentId,
                new Choice(documentId, session, receivedAt, callback, receivedAt.plus(properties.linkRetention())));
    }

    public void close(String documentId) {
        byDocument.remove(documentId);
    }

    /** The document's links with a fresh authCode, or empty when no choice of it is open here. */
    public Optional<CurrentLinks> links(String documentId) {
        Choice choice = byDocument.get(documentId);
        Instant now = clock.instant();
        if (choice == null || choice.expiresAt().isBefore(now)) {
            return Optional.empty();
        }
        SmartIdClient.DeviceLinkSession session = choice.session();
        long elapsed = Math.max(0, Duration.between(choice.receivedAt(), now).toSeconds());
        String qr = link("QR", elapsed, session, null);
        String web2App = choice.callbackUrl() == null ? null : link("Web2App", null, session, choice.callbackUrl());
        return Optional.of(new CurrentLinks(session.sessionId(), elapsed, qr, web2App));
    }

    private String link(String type, Long elapsed, SmartIdClient.DeviceLinkSession session, String callback) {
        String unprotected = DeviceLinks.unprotectedLink(
                session.deviceLinkBase(),
                type,
                elapsed,
                session.sessionToken(),
                DeviceLinks.SessionType.CERT,
                properties.lang());
        return DeviceLinks.link(
                unprotected,
                type,
                DeviceLinks.SessionType.CERT,
                properties.schemeName(),
                null,
                relyingPartyName,
                null,
                null,
                callback,
                session.sessionSecret());
    }
}
