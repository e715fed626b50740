package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The remote signer returned a signature value and the provider checked it against the
 * certificate; augmentation-service builds the signature from it.
 *
 * @param signer who signed
 * @param files the data files of the container, at least one
 * @param manifest the container's manifest: for ASiC-E CAdES the ASiC manifest the signature
 *     covers; for ASiC-E XAdES the ODF {@code META-INF/manifest.xml}, which the signature does not
 *     cover (it references the files by digest); null for PAdES
 * @param parameters the signing context of the request, unchanged
 * @param signatureValue the raw signature value (base64 in JSON)
 * @param returnedAt when the value arrived
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignatureReturned(
        int schemaVersion,
        String documentId,
        String batchId,
        String tenantId,
        String clientReference,
        SignerRef signer,
        List<DataFile> files,
        Manifest manifest,
        SignatureParameters parameters,
        byte[] signatureValue,
        Instant returnedAt)
        implements DocumentEvent {

    public static final int SCHEMA_VERSION = 1;

    public SignatureReturned {
        Checks.header(schemaVersion, documentId, batchId, tenantId, clientReference);
        Checks.notNull(signer, "signer");
        files = Checks.notEmpty(files, "files");
        Checks.notNull(parameters, "parameters");
        Checks.notEmpty(signatureValue, "signatureValue");
        Checks.notNull(returnedAt, "returnedAt");
    }
}
