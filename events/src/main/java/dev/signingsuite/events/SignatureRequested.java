package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A provider fixed the signature parameters and asked the remote signer for a signature value. The
 * gateway shows the session's verification code; the provider's poller consumes this event to wait
 * for the person without holding a consumer thread.
 *
 * <p>When the person chooses the certificate first (Smart-ID device-link flow), the provider writes
 * this event twice: while the person is to scan the device link, with {@code certificateChoice} set
 * and no {@code parameters} or {@code dataToSignDigest} yet; then, once the certificate is chosen,
 * with the parameters, the digest and the linked signature's session (and {@code certificateChoice}
 * kept).
 *
 * <p>When the provider cannot ask for the signature before a person acts (a CSC credential's
 * approval, an eParaksts seal's login or its group's approval), it writes this event with {@code
 * awaiting} set and no {@code parameters} or {@code dataToSignDigest}: the gateway then shows the
 * document as waiting for that person. Such an event starts nothing; the provider writes the usual
 * events once the person has acted. Where the person acts through a link (the one-time signing
 * login, ADR 28) the event carries a {@code session} whose {@code deviceLink} is that link; before
 * ADR 28 a session beside {@code awaiting} was refused, so an older reader drops such an event.
 *
 * @param signer who signs
 * @param files the data files of the container, at least one
 * @param manifest the container's manifest: for ASiC-E CAdES the ASiC manifest the signature
 *     covers; for ASiC-E XAdES the ODF {@code META-INF/manifest.xml}, which the signature does not
 *     cover (it references the files by digest); null for PAdES
 * @param parameters the signing context every later DSS call must reuse; null only while a
 *     certificate choice is pending
 * @param dataToSignDigest the digest sent to the remote signer (base64 in JSON); null only while a
 *     certificate choice is pending
 * @param session what the provider started remotely, or null if the call was synchronous; while
 *     {@code awaiting}, the link the person is to follow (its {@code deviceLink}), if any
 * @param requestedAt when the request was sent
 * @param certificateChoice set when the person chooses the certificate before signing (optional,
 *     added within v1)
 * @param awaiting what the provider waits for before it can ask for the signature, in words that
 *     name no personal data (optional, added within v1); null once it asked
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
        Instant requestedAt,
        CertificateChoice certificateChoice,
        String awaiting)
        implements DocumentEvent {

    public static final int SCHEMA_VERSION = 1;

    public SignatureRequested {
        Checks.header(schemaVersion, documentId, batchId, tenantId, clientReference);
        Checks.notNull(signer, "signer");
        files = Checks.notEmpty(files, "files");
        if (awaiting != null) {
            Checks.notBlank(awaiting, "awaiting");
            if (parameters != null || dataToSignDigest != null) {
                throw new IllegalArgumentException("awaiting: nothing is asked yet, so no parameters or digest");
            }
        } else if (parameters == null && certificateChoice != null) {
            Checks.notNull(session, "session");
            if (dataToSignDigest != null) {
                throw new IllegalArgumentException("dataToSignDigest without parameters");
            }
        } else {
            Checks.notNull(parameters, "parameters");
            Checks.notEmpty(dataToSignDigest, "dataToSignDigest");
        }
        Checks.notNull(requestedAt, "requestedAt");
    }

    /** The event as every provider writes it when the certificate is known from the start. */
    public SignatureRequested(
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
            Instant requestedAt) {
        this(
                schemaVersion,
                documentId,
                batchId,
                tenantId,
                clientReference,
                signer,
                files,
                manifest,
                parameters,
                dataToSignDigest,
                session,
                requestedAt,
                null,
                null);
    }

    /** True while the person is still to choose the certificate: no parameters yet. */
    public boolean awaitsCertificateChoice() {
        return parameters == null && certificateChoice != null;
    }

    /** True when the provider waits for a person before it can ask for the signature. */
    public boolean awaitsPerson() {
        return awaiting != null;
    }
}
