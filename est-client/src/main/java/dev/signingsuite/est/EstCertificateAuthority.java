package dev.signingsuite.est;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.bouncycastle.est.HttpAuth;
import org.bouncycastle.est.jcajce.JcaHttpAuthBuilder;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Enrolment over RFC 7030 {@code simpleenroll} with BouncyCastle's EST client, over TLS to a server
 * the configured trust anchors vouch for, authenticated as the registration authority (HTTP Basic).
 * The subject the registration authority vouched for travels as the request's label (base64url DER).
 */
public final class EstCertificateAuthority implements CertificateAuthority {

    private final EstEndpoint properties;
    private final X509TrustManager trustManager;
    private final HttpAuth authority;
    private volatile List<X509Certificate> issuers;

    public EstCertificateAuthority(EstEndpoint properties) {
        this.properties = properties;
        this.trustManager = trustManager(properties);
        try {
            this.authority = new JcaHttpAuthBuilder(
                            properties.raUser(), properties.raSecret().toCharArray())
                    .build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot set up the EST client's authentication", e);
        }
    }

    @Override
    public List<X509Certificate> enrol(byte[] certificationRequest, X500Name vouched) {
        String label;
        try {
            label = Base64.getUrlEncoder().withoutPadding().encodeToString(vouched.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            EnrollmentResponse response =
                    service(label).simpleEnroll(false, new PKCS10CertificationRequest(certificationRequest), authority);
            List<X509Certificate> chain = new ArrayList<>();
            for (X509CertificateHolder holder : response.getStore().getMatches(null)) {
                chain.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
            if (chain.size() != 1) {
                throw new EnrolmentRefused("the EST server answered " + chain.size() + " certificates, not one");
            }
            chain.addAll(issuers());
            return chain;
        } catch (ESTException e) {
            if (e.getStatusCode() >= 400 && e.getStatusCode() < 500) {
                throw new EnrolmentRefused("the CA refused the request (" + e.getStatusCode() + "): " + body(e));
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new EnrolmentRefused("the EST server's answer holds no readable certificate: " + e.getMessage());
        }
    }

    // The CA's certificates (RFC 7030 cacerts), fetched once: the chain put into every signature.
    private List<X509Certificate> issuers() throws IOException, CertificateException {
        List<X509Certificate> known = issuers;
        if (known == null) {
            List<X509Certificate> fetched = new ArrayList<>();
            for (X509CertificateHolder holder :
                    service(null).getCACerts().getCertificateStore().getMatches(null)) {
                fetched.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
            known = List.copyOf(fetched);
            issuers = known;
        }
        return known;
    }

    private ESTService service(String label) {
        JsseESTServiceBuilder builder = new JsseESTServiceBuilder(properties.server(), trustManager)
                .withTimeout((int) properties.timeout().toMillis());
        if (label != null) {
            builder.withLabel(label);
        }
        return builder.build();
    }

    private static String body(ESTException e) {
        try (InputStream body = e.getBody()) {
            return body == null ? e.getMessage() : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return e.getMessage();
        }
    }

    // The JDK's PKIX trust manager over the configured anchors only (not the JDK's cacerts).
    private static X509TrustManager trustManager(EstEndpoint properties) {
        try (InputStream pem = Files.newInputStream(properties.trustAnchors())) {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                anchors.setCertificateEntry("anchor-" + n++, certificate);
            }
            if (n == 0) {
                throw new IllegalStateException("no certificate in " + properties.trustAnchors());
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot read the EST trust anchors " + properties.trustAnchors() + ": " + e.getMessage(), e);
        }
    }
}
