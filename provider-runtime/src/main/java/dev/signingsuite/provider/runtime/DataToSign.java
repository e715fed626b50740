package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.signature.DssSignatures;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.time.Instant;
import java.util.List;

/**
 * DSS's data to be signed, built the one way augmentation-service rebuilds it: {@link
 * DssParameters#describe} fixes the parameters (signing date included) that every later step must
 * see again, so they are prepared here only and carried forward in the events.
 */
public final class DataToSign {

    // Thread-safe; only the parameter objects are per document.
    private final DssSignatures signatures = new DssSignatures(new CommonCertificateVerifier());

    /**
     * @param signingDate the provider's signing date; for PAdES the PDF revision's, fixed at
     *     hash-service, replaces it
     * @throws RuntimeException when DSS cannot build the data to be signed (the document's fault)
     */
    public PreparedSignature prepare(HashComputed document, Signer signer, Instant signingDate) {
        SignatureParameters parameters = DssParameters.describe(
                document.format(),
                document.level(),
                signer.algorithm(),
                signingDate,
                signer.certificate(),
                signer.chain(),
                document.pdfRevision());
        byte[] dataToSign = of(document.files(), document.manifest(), parameters);
        return new PreparedSignature(
                document,
                parameters,
                dataToSign,
                DSSUtils.digest(signer.algorithm().getDigestAlgorithm(), dataToSign));
    }

    /** The data to be signed for parameters already fixed, e.g. those of a {@code SignatureRequested}. */
    public byte[] of(SignatureRequested requested) {
        return of(requested.files(), requested.manifest(), requested.parameters());
    }

    /**
     * The data to be signed over a document's content with parameters already fixed: the manifest
     * with CAdES, the files' digests with XAdES.
     */
    public byte[] of(List<DataFile> files, Manifest manifest, SignatureParameters parameters) {
        return signatures.dataToSign(parameters, files, manifest).getBytes();
    }

    DssSignatures signatures() {
        return signatures;
    }
}
