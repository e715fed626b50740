package dev.signingsuite.provider.eparaksts.client;

import eu.europa.esig.dss.model.x509.CertificateToken;
import java.util.List;

/**
 * A qualified e-seal identity of the authorising person: its id, labels and certificate.
 *
 * @param cnLabel the {@code CN:<organisation> : eZīmogs} label, unique per person
 * @param certificate null while the platform has not issued it ({@code unavailable} says so)
 * @param unavailable why there is no certificate, for the documents of this seal; else null
 */
public record SealIdentity(
        String id, String cnLabel, List<String> labels, CertificateToken certificate, String unavailable) {

    public SealIdentity {
        labels = List.copyOf(labels);
    }

    public SealIdentity(String id, String cnLabel, List<String> labels, CertificateToken certificate) {
        this(id, cnLabel, labels, certificate, null);
    }
}
