package dev.signingsuite.augmentation;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.signingsuite.augmentation.trust.AugmentationProperties;
import dev.signingsuite.sandbox.Sandbox;
import dev.signingsuite.sandbox.SandboxSettings;
import dev.signingsuite.sandbox.pki.PkiEntity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** A real sandbox (PKI, TSA, OCSP responder) on a free loopback port, and the stage's configuration for it. */
public final class Sandboxes {

    private Sandboxes() {}

    public static Sandbox start(Path dataDir) {
        try {
            return Sandbox.start(new SandboxSettings(dataDir, "127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox in " + dataDir, e);
        }
    }

    /**
     * The sandbox root and its issuing CA, as an EU trusted list names issuing CAs. The sandbox's
     * own {@code trust-anchor.pem} holds the root only, and its issuing CA certificate names no
     * OCSP responder or CRL: with the root alone no signature can reach LT (DSS finds no revocation
     * data for the issuing CA).
     */
    public static List<X509Certificate> trustAnchors(Sandbox sandbox) {
        return List.of(
                sandbox.pki().root().certificate(), sandbox.pki().issuingCa().certificate());
    }

    public static AugmentationProperties properties(Sandbox sandbox, Path dataDir) {
        Path anchors = dataDir.resolve("augmentation-trust-anchors.pem");
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : trustAnchors(sandbox)) {
            pem.append(pem(certificate));
        }
        try {
            Files.writeString(anchors, pem, US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AugmentationProperties(
                sandbox.tsaUrl(),
                List.of(),
                List.of(),
                anchors,
                Duration.ofMinutes(5),
                100,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                3,
                Duration.ofMillis(200));
    }

    public static PkiEntity seal(Sandbox sandbox) {
        return sandbox.pki().entity(dev.signingsuite.sandbox.pki.SandboxEntities.SEAL);
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
