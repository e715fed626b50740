package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A provider fixed the signature parameters and asked the remote signer for a signature value. The
 * gateway shows the session's verification code; the provider's poller consumes this event to wait
 * for the person without holding a consumer thread.
 *
 * @param signer who signs
 * @param files the data files of the container, at least one
 * @param manifest the ASiC manifest the CAdES signature covers; null for XAdES and PAdES
 * @param parameters the signing context every later DSS call must reuse
 * @param dataToSignDigest the digest sent to the remote signer (base64 in JSON)
 * @param session what the provider started remotely, or null if the call was synchronous
 * @param requestedAt when the request was sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignatureRequested(
        int schemaVersion,
        String documentId,
        String batchId,
        String tenantId,
        String clientReference,
        SignerRef signer,
        List<DataFile> files,
        Manifest manifest,
        SignatureParameters parameters,
        byte[] dataToSignDigest,
        RemoteSession session,
        Instant requestedAt)
        implements DocumentEvent {

    public static final int SCHEMA_VERSION = 1;

    public SignatureRequested {
        Checks.header(schemaVersion, documentId, batchId, tenantId, clientReference);
        Checks.notNull(signer, "signer");
        files = Checks.notEmpty(files, "files");
        Checks.notNull(parameters, "parameters");
        Checks.notEmpty(dataToSignDigest, "dataToSignDigest");
        Checks.notNull(requestedAt, "requestedAt");
    }
}
