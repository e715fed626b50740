package dev.signingsuite.gateway.signatures;

import dev.signingsuite.gateway.api.PersonReturns;
import dev.signingsuite.gateway.status.DocumentRecord;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The callback URLs of digest signatures, in PostgreSQL beside the status rows: every gateway
 * instance serves the person page of every signature, and a restart keeps them. Only URLs {@link
 * CallbackHosts} accepted are kept, so the person page redirects only to a registered host.
 */
@Component
class SignatureCallbacks implements PersonReturns {

    private final JdbcClient jdbc;
    private final Clock clock;

    SignatureCallbacks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Keeps {@code callbackUrl} for the signature, whose status row must exist. */
    void keep(String tenantId, String signatureId, URI callbackUrl) {
        jdbc.sql("INSERT INTO signature_callbacks (signature_id, tenant_id, callback_url, created_at)"
                        + " VALUES (:id, :tenant, :url, :at)")
                .param("id", signatureId)
                .param("tenant", tenantId)
                .param("url", callbackUrl.toString())
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
    }

    Optional<URI> find(String tenantId, String signatureId) {
        return jdbc.sql("SELECT callback_url FROM signature_callbacks WHERE signature_id = :id AND tenant_id = :tenant")
                .param("id", signatureId)
                .param("tenant", tenantId)
                .query(String.class)
                .optional()
                .map(URI::create);
    }

    /**
     * The callback URL with {@code signatureId} and {@code status} (SIGNED or FAILED) added to its
     * query, once the signature is no longer pending; empty for documents that are not digest
     * signatures with a callback.
     */
    @Override
    public Optional<URI> returnTo(DocumentRecord finished) {
        if (!finished.status().terminal() || !DigestSigning.CONTENT_NAME.equals(finished.fileName())) {
            return Optional.empty();
        }
        return find(finished.tenantId(), finished.id())
                .map(callback -> UriComponentsBuilder.fromUri(callback)
                        .queryParam("signatureId", finished.id())
                        .queryParam("status", SignatureViews.SignatureStatus.of(finished.status()))
                        .encode()
                        .build()
                        .toUri());
    }
}
