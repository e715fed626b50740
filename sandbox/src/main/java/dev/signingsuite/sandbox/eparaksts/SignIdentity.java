package dev.signingsuite.sandbox.eparaksts;

import dev.signingsuite.sandbox.pki.PkiEntity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/** One sign identity of the test person, as {@code users/me} and {@code sign_identities/{id}} show it. */
record SignIdentity(String id, String description, List<String> labels, boolean server, PkiEntity entity) {

    static final String USE_SERVER = "urn:safelayer:eidas:sign:identity:use:server";

    /**
     * The wire object. {@code users/me} shows it without {@code details} (the live shape SIGNBYTE
     * reads, spec section 4): the certificate comes only from {@code sign_identities/{id}} (section
     * 5.1), which is what a client must be able to do.
     */
    Map<String, Object> toJson(URI resources, String userId, boolean withCertificate) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access", List.of(Map.of("user_id", userId, "permissions", List.of("sign"))));
        json.put("domain", "citizen");
        json.put("self", resources + "/esigp/v1/sign_identities/" + id);
        json.put("description", description);
        if (server) {
            json.put(
                    "links",
                    Map.of(
                            "Signatures.create.server.raw",
                            Map.of("auth", Map.of("oauth2", Map.of("scopes", List.of(USE_SERVER))))));
        }
        json.put("id", id);
        json.put("type", "pki:x509");
        json.put("labels", labels);
        json.put("status", Map.of("value", "enabled"));
        if (!withCertificate) {
            return json;
        }
        try {
            json.put(
                    "details",
                    Map.of(
                            "certificate",
                            Base64.getEncoder()
                                    .encodeToString(entity.certificate().getEncoded())));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + entity, e);
        }
        return json;
    }

    boolean ecdsa() {
        return entity.certificate().getPublicKey() instanceof ECKey;
    }

    /**
     * Signs a pre-computed hash: RSA PKCS#1 v1.5 over the DigestInfo of the named hash, ECDSA over
     * the hash itself with a DER result.
     */
    byte[] sign(SignatureAlgorithms.Algorithm algorithm, byte[] digest) {
        try {
            if (algorithm.ecdsa()) {
                Signature ecdsa = Signature.getInstance("NONEwithECDSA");
                ecdsa.initSign(entity.privateKey());
                ecdsa.update(digest);
                return ecdsa.sign();
            }
            byte[] digestInfo = new DigestInfo(
                            new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.digestOid()), DERNull.INSTANCE),
                            digest)
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
}
