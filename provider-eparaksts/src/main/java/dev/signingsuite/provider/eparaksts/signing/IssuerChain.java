package dev.signingsuite.provider.eparaksts.signing;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seals' issuing CAs from a PEM file: the platform hands out the seal certificate alone, and a
 * signature that carries its chain needs no AIA fetch downstream.
 */
public final class IssuerChain {

    private final List<CertificateToken> known;

    public IssuerChain(List<CertificateToken> known) {
        this.known = List.copyOf(known);
    }

    public static IssuerChain fromPem(Path pem) {
        if (pem == null || !Files.isRegularFile(pem)) {
            return new IssuerChain(List.of());
        }
        return new IssuerChain(loadPem(pem));
    }

    private static List<CertificateToken> loadPem(Path pem) {
        try {
            String text = Files.readString(pem);
            List<CertificateToken> certificates = new ArrayList<>();
            int from = 0;
            while ((from = text.indexOf("-----BEGIN CERTIFICATE-----", from)) >= 0) {
                int to = text.indexOf("-----END CERTIFICATE-----", from) + "-----END CERTIFICATE-----".length();
                certificates.add(DSSUtils.loadCertificate(
                        text.substring(from, to).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                from = to;
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The issuers of {@code certificate}, nearest first, as far as the file knows them. */
    public List<CertificateToken> of(CertificateToken certificate) {
        List<CertificateToken> chain = new ArrayList<>();
        CertificateToken current = certificate;
        while (!current.isSelfSigned()) {
            CertificateToken issuer = null;
            for (CertificateToken candidate : known) {
                if (current.isSignedBy(candidate)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null || chain.contains(issuer)) {
                break;
            }
            chain.add(issuer);
            current = issuer;
        }
        return chain;
    }
}
