package dev.signingsuite.gateway.devices;

import io.swagger.v3.oas.annotations.media.Schema;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** The device API's bodies. */
final class DeviceViews {

    private DeviceViews() {}

    /** @param idToken the person's OpenID Connect ID token from the identity provider (the ID building block) */
    record DeviceRegistrationRequest(
            @Schema(
                    description =
                            "The person's ID token: the registration binds the device to the" + " identifier it names",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String idToken) {}

    /**
     * @param signer what {@code POST /v1/signatures} and uploads name as signer, with provider {@code csc}
     * @param certificate the device's certificate, PEM
     * @param chain its issuers, PEM, nearest first
     */
    record DeviceView(
            String deviceId,
            String personId,
            String provider,
            String signer,
            String certificate,
            List<String> chain,
            Instant notAfter,
            Instant registeredAt) {

        static DeviceView of(RegisteredDevice device) {
            return new DeviceView(
                    device.id(),
                    device.personId(),
                    "csc",
                    device.signer(),
                    pem(device.certificate()),
                    device.chain().subList(1, device.chain().size()).stream()
                            .map(DeviceViews::pem)
                            .toList(),
                    device.certificate().getNotAfter().toInstant(),
                    device.createdAt());
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
