package dev.signingsuite.provider.eparaksts.client;

import eu.europa.esig.dss.model.x509.CertificateToken;
import java.util.List;

/**
 * A qualified e-seal identity of the authorising person: its id, labels and certificate.
 *
 * @param cnLabel the {@code CN:<organisation> : eZīmogs} label, unique per person
 */
public record SealIdentity(String id, String cnLabel, List<String> labels, CertificateToken certificate) {

    public SealIdentity {
        labels = List.copyOf(labels);
    }
}
