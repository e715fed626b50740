package dev.signingsuite.digidoc4jcheck;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.digidoc4j.Configuration;
import org.digidoc4j.Container;
import org.digidoc4j.ContainerOpener;
import org.digidoc4j.ContainerValidationResult;
import org.digidoc4j.Signature;
import org.digidoc4j.TSLCertificateSource;
import org.digidoc4j.impl.asic.tsl.TSLCertificateSourceImpl;

/**
 * {@code DigiDoc4jCheck CONTAINER TRUST_ANCHORS_PEM}: validates an ASiC-E container with DigiDoc4j
 * as DigiDoc4 would, with the given certificates as its whole trusted list (TEST configuration, no
 * online list). Prints each signature's profile and every error and warning; exits 0 when the
 * container is valid with no error, 1 when it is not, 2 on bad arguments.
 */
public final class DigiDoc4jCheck {

    private DigiDoc4jCheck() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DigiDoc4jCheck CONTAINER TRUST_ANCHORS_PEM");
            System.exit(2);
        }
        Configuration configuration = Configuration.of(Configuration.Mode.TEST);
        // Set before anything asks for the trusted list: DigiDoc4j would otherwise download the EU one.
        configuration.setTSL(trustedList(Path.of(args[1])));
        Container container = ContainerOpener.open(args[0], configuration);
        ContainerValidationResult result = container.validate();
        for (Signature signature : container.getSignatures()) {
            System.out.println("signature " + signature.getId() + " profile " + signature.getProfile());
        }
        System.out.println("data files " + container.getDataFiles().size());
        result.getErrors().forEach(error -> System.out.println("error: " + error.getMessage()));
        result.getWarnings().forEach(warning -> System.out.println("warning: " + warning.getMessage()));
        boolean valid = result.isValid() && result.getErrors().isEmpty() && !container.getSignatures().isEmpty();
        System.out.println(valid ? "VALID" : "INVALID");
        System.exit(valid ? 0 : 1);
    }

    private static TSLCertificateSource trustedList(Path pem) throws Exception {
        TSLCertificateSource trusted = new TSLCertificateSourceImpl();
        try (InputStream in = Files.newInputStream(pem)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.addTSLCertificate((X509Certificate) certificate);
            }
        }
        return trusted;
    }
}
