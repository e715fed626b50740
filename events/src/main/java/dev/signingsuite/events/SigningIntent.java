package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A provider's ledger entry for one remote signature: written (acks=all) before the remote call and
 * again when the value arrives, so that a redelivered {@link HashComputed} resumes the session or
 * republishes the value instead of asking the signer again. The compacted topic keeps the latest
 * entry per document.
 *
 * @param provider the provider id ({@link Provider#id()}) that asks for the signature
 * @param attempt the {@code signing-attempt} of the input (0 when absent)
 * @param dataToSignDigest the digest the remote signer is asked to sign
 * @param remoteSessionId the signer's session for the call, when the signer has one (Smart-ID);
 *     null for a synchronous call
 * @param status {@link Status#STARTED} before the call, {@link Status#RETURNED} with the value
 * @param signatureValue the raw value when {@link Status#RETURNED}, else null
 * @param at when the provider wrote the entry
 * @param signingDate the signing date of the signed attributes whose digest is {@code
 *     dataToSignDigest} (optional within v1): with it the provider rebuilds the same parameters and
 *     the same digest instead of asking for a signature over a new one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SigningIntent(
        int schemaVersion,
        String documentId,
        String batchId,
        String tenantId,
        String clientReference,
        String provider,
        int attempt,
        byte[] dataToSignDigest,
        String remoteSessionId,
        Status status,
        byte[] signatureValue,
        Instant at,
        Instant signingDate)
        implements DocumentEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Where the remote call stands. */
    public enum Status {
        /** The provider is about to ask (or has asked) the signer; no value is known yet. */
        STARTED,
        /** The signer's value arrived and is in {@link #signatureValue()}. */
        RETURNED
    }

    public SigningIntent {
        Checks.header(schemaVersion, documentId, batchId, tenantId, clientReference);
        Checks.notBlank(provider, "provider");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative but was " + attempt);
        }
        Checks.notEmpty(dataToSignDigest, "dataToSignDigest");
        Checks.notNull(status, "status");
        if (status == Status.RETURNED) {
            Checks.notEmpty(signatureValue, "signatureValue");
        } else if (signatureValue != null) {
            throw new IllegalArgumentException("signatureValue must be null while " + status);
        }
        Checks.notNull(at, "at");
    }

    /** An entry without the optional signing date, as the contract first listed the fields. */
    public SigningIntent(
            int schemaVersion,
            String documentId,
            String batchId,
            String tenantId,
            String clientReference,
            String provider,
            int attempt,
            byte[] dataToSignDigest,
            String remoteSessionId,
            Status status,
            byte[] signatureValue,
            Instant at) {
        this(
                schemaVersion,
                documentId,
                batchId,
                tenantId,
                clientReference,
                provider,
                attempt,
                dataToSignDigest,
                remoteSessionId,
                status,
                signatureValue,
                at,
                null);
    }

    /** The entry written before the remote call: no session yet, no value. */
    public static SigningIntent started(
            DocumentEvent document,
            String provider,
            int attempt,
            byte[] dataToSignDigest,
            Instant signingDate,
            Instant at) {
        return new SigningIntent(
                SCHEMA_VERSION,
                document.documentId(),
                document.batchId(),
                document.tenantId(),
                document.clientReference(),
                provider,
                attempt,
                dataToSignDigest,
                null, // a session, if any, comes with the answer: withSession
                Status.STARTED,
                null,
                at,
                signingDate);
    }

    /** This intent with the session the signer opened for it. */
    public SigningIntent withSession(String sessionId, Instant now) {
        return new SigningIntent(
                schemaVersion,
                documentId,
                batchId,
                tenantId,
                clientReference,
                provider,
                attempt,
                dataToSignDigest,
                sessionId,
                Status.STARTED,
                null,
                now,
                signingDate);
    }

    /** This intent with the value that arrived. */
    public SigningIntent returned(byte[] value, Instant now) {
        return new SigningIntent(
                schemaVersion,
                documentId,
                batchId,
                tenantId,
                clientReference,
                provider,
                attempt,
                dataToSignDigest,
                remoteSessionId,
                Status.RETURNED,
                value,
                now,
                signingDate);
    }
}
