package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.signature.DssParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.time.Instant;

/**
 * DSS's data to be signed, built the one way augmentation-service rebuilds it: {@link
 * DssParameters#describe} fixes the parameters (signing date included) that every later step must
 * see again, so they are prepared here only and carried forward in the events.
 */
public final class DataToSign {

    // Thread-safe; only the parameter objects are per document.
    private final CAdESService cades = new CAdESService(new CommonCertificateVerifier());

    /**
     * @throws RuntimeException when DSS cannot build the data to be signed (the document's fault)
     */
    public PreparedSignature prepare(HashComputed document, Signer signer, Instant signingDate) {
        SignatureParameters parameters = DssParameters.describe(
                document.format(),
                document.level(),
                signer.algorithm(),
                signingDate,
                signer.certificate(),
                signer.chain());
        byte[] dataToSign = of(document, parameters);
        return new PreparedSignature(
                document,
                parameters,
                dataToSign,
                DSSUtils.digest(signer.algorithm().getDigestAlgorithm(), dataToSign));
    }

    /** The data to be signed for parameters already fixed, e.g. those of a {@code SignatureRequested}. */
    public byte[] of(SignatureRequested requested) {
        return of(requested.manifest(), requested.parameters());
    }

    private byte[] of(HashComputed document, SignatureParameters parameters) {
        return of(document.manifest(), parameters);
    }

    /** The data to be signed over a manifest with parameters already fixed. */
    public byte[] of(Manifest manifest, SignatureParameters parameters) {
        ToBeSigned toBeSigned =
                cades.getDataToSign(DssParameters.manifest(manifest), DssParameters.cadesBaselineB(parameters));
        return toBeSigned.getBytes();
    }

    CAdESService cades() {
        return cades;
    }
}
