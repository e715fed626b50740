package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.pki.PkiEntity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * A CSC credential backed by a sandbox key: RSA, SCAL 1, RSSP-managed ("implicit") authorisation,
 * that is explicit mode with no authentication objects (CSC API v2 sections 11.5 and 13.10).
 */
final class SealCredential {

    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String id;
    private final PkiEntity entity;
    private final int multisign;

    SealCredential(String id, PkiEntity entity, int multisign) {
        if (!(entity.certificate().getPublicKey() instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("the CSC simulator signs with RSA keys only: " + entity);
        }
        this.id = id;
        this.entity = entity;
        this.multisign = multisign;
    }

    String id() {
        return id;
    }

    int multisign() {
        return multisign;
    }

    /** The credentials/info answer; {@code certificates} is none, single or chain. */
    Map<String, Object> info(String certificates, boolean certInfo, boolean authInfo) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("status", "enabled");
        key.put(
                "algo",
                HashAlgorithms.RSA.stream().map(HashAlgorithms.Sign::oid).toList());
        key.put(
                "len",
                ((RSAPublicKey) entity.certificate().getPublicKey())
                        .getModulus()
                        .bitLength());

        X509Certificate certificate = entity.certificate();
        Map<String, Object> cert = new LinkedHashMap<>();
        cert.put("status", "valid");
        switch (certificates) {
            case "none" -> {}
            case "single" -> cert.put("certificates", List.of(base64(certificate)));
            case "chain" -> cert.put("certificates", chainBase64());
            default -> throw CscError.invalid("certificates");
        }
        if (certInfo) {
            cert.put("issuerDN", certificate.getIssuerX500Principal().getName(X500Principal.RFC2253));
            cert.put("serialNumber", certificate.getSerialNumber().toString(16).toUpperCase());
            cert.put("subjectDN", certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
            cert.put(
                    "validFrom",
                    GENERALIZED_TIME.format(certificate.getNotBefore().toInstant()));
            cert.put(
                    "validTo", GENERALIZED_TIME.format(certificate.getNotAfter().toInstant()));
        }

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("description", "Sandbox qualified electronic seal");
        info.put("key", key);
        info.put("cert", cert);
        if (authInfo) {
            info.put("auth", Map.of("mode", "explicit", "objects", List.of()));
        }
        info.put("SCAL", "1");
        info.put("multisign", multisign);
        info.put("lang", "en-US");
        return info;
    }

    /**
     * RSA PKCS#1 v1.5 over DigestInfo(digest algorithm, digest): the digest is signed as given, the
     * simulator never sees the data.
     */
    byte[] sign(HashAlgorithms.Digest digest, byte[] value) {
        try {
            byte[] digestInfo = new DigestInfo(
                            new AlgorithmIdentifier(new ASN1ObjectIdentifier(digest.oid()), DERNull.INSTANCE), value)
                    .getEncoded(ASN1Encoding.DER);
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initSign(entity.privateKey());
            rsa.update(digestInfo);
            return rsa.sign();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + entity, e);
        }
    }

    private List<String> chainBase64() {
        List<String> chain = new ArrayList<>();
        for (X509Certificate certificate : entity.chain()) {
            chain.add(base64(certificate));
        }
        return chain;
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }
}
