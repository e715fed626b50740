package dev.signingsuite.augmentation.signature;

import dev.signingsuite.augmentation.trust.CachingOcspSource;
import dev.signingsuite.augmentation.trust.TrustServiceUnavailableException;
import dev.signingsuite.blobstore.BlobStore;
import dev.signingsuite.events.BlobRef;
import dev.signingsuite.events.DocumentEvent;
import dev.signingsuite.events.DocumentFailed;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.FailureStage;
import dev.signingsuite.events.SignatureArtifact;
import dev.signingsuite.events.SignatureAugmented;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureReturned;
import dev.signingsuite.signature.AsicLayout;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.signature.DssSignatures;
import eu.europa.esig.dss.alert.exception.AlertException;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the signature (CAdES or XAdES, as the parameters say) from the value the remote signer returned, at level B with the
 * provider's exact parameters, and extends it to the requested level (ADR 4). A PAdES signature is
 * a CMS over the PDF revision's message digest, embedded into the stored PDF, which is then
 * extended and stored signed (ADR 18). XAdES at LTA reads the data files for its archive
 * timestamp (ADR 22).
 *
 * <p>Above B the signature timestamp comes first, then the signer's OCSP response: validators want
 * revocation data younger than the timestamp, and a revoked signer is refused before anything is
 * published. Outcomes: {@link SignatureAugmented}, or {@link DocumentFailed} for a permanent
 * reason; a trust service that cannot be reached throws {@link TrustServiceUnavailableException},
 * the blob store (PAdES) a {@code ServiceUnavailableException}: the record is parked until the
 * service is back or the deadline passes (ADR 0012).
 */
public final class SignatureAugmenter {

    private final DssSignatures signatures;
    private final OCSPSource ocsp;
    private final Clock clock;
    private final StoredDocuments stored;

    /** Without a blob store: ASiC-E only, PAdES is refused. */
    public SignatureAugmenter(DssSignatures signatures, OCSPSource ocsp, Clock clock) {
        this(signatures, ocsp, null, clock);
    }

    /** @param blobs where PAdES reads the PDF and stores it signed; null to refuse PAdES */
    public SignatureAugmenter(DssSignatures signatures, OCSPSource ocsp, BlobStore blobs, Clock clock) {
        this.signatures = signatures;
        this.ocsp = ocsp;
        this.clock = clock;
        this.stored = blobs == null ? null : new StoredDocuments(blobs);
    }

    /** What augmentation built: the signature, and for PAdES the signed PDF it stored. */
    private record Built(byte[] signature, BlobRef signedDocument) {}

    public DocumentEvent augment(SignatureReturned returned) {
        try {
            Built built = build(returned);
            SignatureParameters parameters = returned.parameters();
            return new SignatureAugmented(
                    SignatureAugmented.SCHEMA_VERSION,
                    returned.documentId(),
                    returned.batchId(),
                    returned.tenantId(),
                    returned.clientReference(),
                    returned.files(),
                    returned.manifest(),
                    parameters,
                    new SignatureArtifact(entryName(returned), built.signature(), parameters.level()),
                    clock.instant(),
                    built.signedDocument());
        } catch (AugmentationRefused e) {
            return failed(returned, e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            if (transientCause(e, TrustServiceUnavailableException.Service.OCSP) != null) {
                throw transientCause(e, TrustServiceUnavailableException.Service.OCSP);
            }
            if (e instanceof IllegalArgumentException || e instanceof DSSException) {
                // IllegalInputException and unparsable certificates or algorithms: the event carries
                // parameters no signature can be built from; retrying cannot help.
                return failed(returned, FailureReason.INTERNAL_ERROR, "cannot build the signature: " + e.getMessage());
            }
            throw e;
        }
    }

    // PAdES: the CMS carries no entry name of its own; named after the PDF it sits in. A detached
    // CAdES or XAdES over a digest: named after the digest's file, as the client downloads it.
    private static String entryName(SignatureReturned returned) {
        SignatureFormat format = returned.parameters().format();
        return switch (format) {
            case PADES -> returned.files().get(0).name();
            case CADES_DETACHED -> returned.files().get(0).name() + ".p7s";
            case XADES_DETACHED -> returned.files().get(0).name() + ".xml";
            case ASIC_E_CADES, ASIC_E_XADES -> AsicLayout.signatureEntry(format);
        };
    }

    private Built build(SignatureReturned returned) {
        SignatureParameters parameters = returned.parameters();
        DssParameters.unsupported(parameters.format(), parameters.level()).ifPresent(reason -> {
            throw new AugmentationRefused(FailureReason.STAGE_UNAVAILABLE, reason);
        });
        if (parameters.format() == SignatureFormat.ASIC_E_CADES && returned.manifest() == null) {
            throw new AugmentationRefused(
                    FailureReason.INTERNAL_ERROR, "an ASiC-E CAdES signature needs the manifest; the event has none");
        }
        SignatureValue value =
                new SignatureValue(DssParameters.signatureAlgorithm(parameters), returned.signatureValue());
        CertificateToken signer = DssParameters.certificate(parameters.signingCertificate());
        // DSS's signDocument embeds any value; a value that does not verify would make a broken
        // signature that only container-service's validation would notice.
        if (!signatures.isValidSignatureValue(
                signatures.dataToSign(parameters, returned.files(), returned.manifest()), value, signer)) {
            throw new AugmentationRefused(
                    FailureReason.SIGNATURE_INVALID,
                    "the returned signature value does not verify against the signing certificate");
        }
        DSSDocument signed;
        try {
            signed = signatures.sign(parameters, returned.files(), returned.manifest(), value);
        } catch (AlertException e) {
            // Only the signing certificate's own checks alert here: expired or not yet valid.
            throw new AugmentationRefused(FailureReason.CERTIFICATE_INVALID, e.getMessage());
        }
        if (parameters.format() == SignatureFormat.PADES) {
            return buildPdf(returned, value, signer, signed);
        }
        if (parameters.level() == SignatureLevel.B) {
            return new Built(bytes(signed), null);
        }
        Instant beforeTimestamp = clock.instant();
        DSSDocument timestamped = extend(signed, returned, SignatureLevel.T);
        // XAdES is read by DigiDoc4j, which wants revocation data younger than the timestamp (ADR 25).
        boolean xades = parameters.format() == SignatureFormat.ASIC_E_XADES
                || parameters.format() == SignatureFormat.XADES_DETACHED;
        requireNotRevoked(parameters, signer, xades ? beforeTimestamp : null);
        if (parameters.level() == SignatureLevel.T) {
            return new Built(bytes(timestamped), null);
        }
        if (parameters.format() == SignatureFormat.ASIC_E_XADES && parameters.level() == SignatureLevel.LTA) {
            // The archive timestamp covers the files' octets, not their digests (ADR 22).
            List<DSSDocument> dataFiles = stored("XAdES at LTA").dataFiles(returned);
            return new Built(
                    bytes(trusted(
                            SignatureLevel.LTA,
                            () -> signatures.extendXades(timestamped, parameters, dataFiles, SignatureLevel.LTA))),
                    null);
        }
        return new Built(bytes(extend(timestamped, returned, parameters.level())), null);
    }

    /**
     * PAdES: the CMS at B (or at T, with the signature timestamp inside it, as DSS's PAdESService
     * builds it), embedded into the stored PDF; LT adds the DSS dictionary, LTA a document timestamp.
     */
    private Built buildPdf(
            SignatureReturned returned, SignatureValue value, CertificateToken signer, DSSDocument cmsAtB) {
        StoredDocuments stored = stored("PAdES");
        SignatureParameters parameters = returned.parameters();
        SignatureLevel cmsLevel = parameters.level() == SignatureLevel.B ? SignatureLevel.B : SignatureLevel.T;
        DSSDocument cms = cmsAtB;
        if (cmsLevel == SignatureLevel.T) {
            cms = trusted(SignatureLevel.T, () -> signatures.pdfCms(parameters, value, SignatureLevel.T));
            requireNotRevoked(parameters, signer, null);
        }
        DSSDocument pdf = stored.pdf(returned);
        DSSDocument signedPdf;
        try {
            signedPdf = signatures.embedCms(pdf, parameters, cms, cmsLevel);
        } catch (DSSException | IllegalArgumentException e) {
            // DSS prepared the revision again from the stored bytes: another digest than the one
            // signed means another PDF (or other parameters) than hash-service prepared.
            throw new AugmentationRefused(
                    FailureReason.INVALID_DOCUMENT,
                    "the CMS does not complete the PDF revision prepared at hash-service: " + e.getMessage());
        }
        if (parameters.level() == SignatureLevel.LT || parameters.level() == SignatureLevel.LTA) {
            signedPdf = extend(signedPdf, returned, parameters.level());
        }
        return new Built(bytes(cms), stored.store(returned, bytes(signedPdf)));
    }

    private StoredDocuments stored(String what) {
        if (stored == null) {
            throw new AugmentationRefused(
                    FailureReason.STAGE_UNAVAILABLE, "this augmentation-service has no blob store for " + what);
        }
        return stored;
    }

    private DSSDocument extend(DSSDocument signature, SignatureReturned returned, SignatureLevel level) {
        return trusted(
                level,
                () -> signatures.extend(
                        signature, returned.parameters(), returned.files(), returned.manifest(), level));
    }

    /** A step that asks the TSA (to reach T) or the OCSP responder (above T). */
    private static DSSDocument trusted(SignatureLevel level, Supplier<DSSDocument> step) {
        try {
            return step.get();
        } catch (AlertException e) {
            TrustServiceUnavailableException.Service service = level == SignatureLevel.T
                    ? TrustServiceUnavailableException.Service.TSA
                    : TrustServiceUnavailableException.Service.OCSP;
            if (transientCause(e, service) != null) {
                throw transientCause(e, service);
            }
            // The trust services' own material is unusable: a broken timestamp at T; at LT and LTA
            // missing or negative revocation data for the chain of the signer or the TSA.
            FailureReason reason = level == SignatureLevel.T
                    ? FailureReason.TIMESTAMP_UNAVAILABLE
                    : FailureReason.REVOCATION_UNAVAILABLE;
            throw new AugmentationRefused(reason, "cannot extend to " + level + ": " + e.getMessage());
        }
    }

    // DSS may refuse a revoked certificate by itself or not, depending on its alerts and level:
    // the stage asks the OCSP responder (through the shared cache) and decides.
    /** @param producedAfter when not null, an OCSP response produced after it (see CachingOcspSource) */
    private void requireNotRevoked(SignatureParameters parameters, CertificateToken signer, Instant producedAfter) {
        if (parameters.certificateChain().isEmpty()) {
            throw new AugmentationRefused(
                    FailureReason.REVOCATION_UNAVAILABLE, "the parameters carry no issuer of the signing certificate");
        }
        CertificateToken issuer =
                DssParameters.certificate(parameters.certificateChain().get(0));
        OCSPToken status = producedAfter != null && ocsp instanceof CachingOcspSource cache
                ? cache.getRevocationToken(signer, issuer, producedAfter)
                : ocsp.getRevocationToken(signer, issuer);
        if (status == null) {
            throw new AugmentationRefused(
                    FailureReason.REVOCATION_UNAVAILABLE, "no OCSP response for the signing certificate");
        }
        if (status.getStatus() == null || !status.getStatus().isGood()) {
            String detail = status.getStatus() != null && status.getStatus().isRevoked()
                    ? "revoked at " + status.getRevocationDate().toInstant()
                            + (status.getReason() != null ? " (" + status.getReason() + ")" : "")
                    : "unknown to its CA's OCSP responder";
            throw new AugmentationRefused(FailureReason.CERTIFICATE_INVALID, "the signing certificate is " + detail);
        }
    }

    // DSS's own fetches fail with DSSExternalResourceException: named after the service the step
    // needed, so that parking can end the document with the right reason.
    private static TrustServiceUnavailableException transientCause(
            Throwable e, TrustServiceUnavailableException.Service likely) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TrustServiceUnavailableException unavailable) {
                return unavailable;
            }
            if (cause instanceof DSSExternalResourceException external) {
                return new TrustServiceUnavailableException(likely, external.getMessage(), external);
            }
        }
        return null;
    }

    private DocumentFailed failed(SignatureReturned returned, FailureReason reason, String message) {
        return new DocumentFailed(
                DocumentFailed.SCHEMA_VERSION,
                returned.documentId(),
                returned.batchId(),
                returned.tenantId(),
                returned.clientReference(),
                FailureStage.AUGMENTATION,
                reason,
                message,
                clock.instant());
    }

    private static byte[] bytes(DSSDocument document) {
        try (InputStream in = document.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signature DSS built in memory", e);
        }
    }
}
