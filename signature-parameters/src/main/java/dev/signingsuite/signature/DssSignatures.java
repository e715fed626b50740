package dev.signingsuite.signature;

import dev.signingsuite.events.DataFile;
import dev.signingsuite.events.Manifest;
import dev.signingsuite.events.SignatureLevel;
import dev.signingsuite.events.SignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.xades.signature.XAdESService;
import java.util.List;

/**
 * DSS's signing steps for every format, each with the parameters of {@link DssParameters}: the
 * provider's {@code getDataToSign} and augmentation-service's {@code signDocument} and {@code
 * extendDocument} choose the service and the signed content here, so the stages stay unaware of the
 * format. What a signature covers: with CAdES the manifest, with XAdES the data files by digest.
 * Thread-safe, like the DSS services it holds.
 */
public final class DssSignatures {

    private final CAdESService cades;
    private final XAdESService xades;

    /** For building the data to be signed, which needs no trust services. */
    public DssSignatures(CertificateVerifier verifier) {
        this(verifier, null);
    }

    /** @param tsp the timestamp source for levels above B; null when only level B is built */
    public DssSignatures(CertificateVerifier verifier, TSPSource tsp) {
        cades = new CAdESService(verifier);
        xades = new XAdESService(verifier);
        if (tsp != null) {
            cades.setTspSource(tsp);
            xades.setTspSource(tsp);
        }
    }

    public ToBeSigned dataToSign(SignatureParameters parameters, List<DataFile> files, Manifest manifest) {
        return switch (parameters.format()) {
            case ASIC_E_CADES ->
                cades.getDataToSign(signedManifest(manifest), DssParameters.cadesBaselineB(parameters));
            case ASIC_E_XADES ->
                xades.getDataToSign(DssParameters.dataFiles(files), DssParameters.xadesBaselineB(parameters));
            case PADES -> throw DssParameters.unsupported(parameters.format());
        };
    }

    /** The signature at level B with the value the remote signer returned. */
    public DSSDocument sign(
            SignatureParameters parameters, List<DataFile> files, Manifest manifest, SignatureValue value) {
        return switch (parameters.format()) {
            case ASIC_E_CADES ->
                cades.signDocument(signedManifest(manifest), DssParameters.cadesBaselineB(parameters), value);
            case ASIC_E_XADES ->
                xades.signDocument(DssParameters.dataFiles(files), DssParameters.xadesBaselineB(parameters), value);
            case PADES -> throw DssParameters.unsupported(parameters.format());
        };
    }

    /** {@code signature} raised to {@code level}. */
    public DSSDocument extend(
            DSSDocument signature,
            SignatureParameters parameters,
            List<DataFile> files,
            Manifest manifest,
            SignatureLevel level) {
        return switch (parameters.format()) {
            case ASIC_E_CADES ->
                cades.extendDocument(signature, DssParameters.cadesExtension(parameters, manifest, level));
            case ASIC_E_XADES ->
                xades.extendDocument(signature, DssParameters.xadesExtension(parameters, files, level));
            case PADES -> throw DssParameters.unsupported(parameters.format());
        };
    }

    /** Whether {@code value} verifies over {@code dataToSign}; the same check for every format. */
    public boolean isValidSignatureValue(ToBeSigned dataToSign, SignatureValue value, CertificateToken certificate) {
        return cades.isValidSignatureValue(dataToSign, value, certificate);
    }

    static DSSDocument signedManifest(Manifest manifest) {
        if (manifest == null) {
            throw new IllegalArgumentException("an ASiC-E CAdES signature needs the manifest; the event has none");
        }
        return DssParameters.manifest(manifest);
    }
}
