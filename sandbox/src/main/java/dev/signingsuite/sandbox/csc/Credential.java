package dev.signingsuite.sandbox.csc;

import dev.signingsuite.sandbox.csc.CscCredentialSettings.AuthMode;
import dev.signingsuite.sandbox.csc.SignAlgorithms.HashAlgorithm;
import dev.signingsuite.sandbox.csc.SignAlgorithms.KeyType;
import dev.signingsuite.sandbox.csc.SignAlgorithms.Sign;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * A CSC credential backed by a sandbox PKI key or a registered device's key ({@link CredentialKey}): its {@code credentials/info} description and the
 * signature over a digest it was handed (the simulator never sees the data).
 */
final class Credential {

    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** RSASSA-PSS parameters from {@code signAlgoParams}: digest, MGF1 digest, salt length. */
    record Pss(HashAlgorithm hash, HashAlgorithm mgfHash, int saltLength) {}

    private final CscCredentialSettings settings;
    private final CredentialKey entity;
    private final KeyType keyType;
    // Test switches: a disabled key refuses authorisation and signing; failures count towards a lock.
    private volatile boolean disabled;
    private final AtomicInteger failures = new AtomicInteger();

    Credential(CscCredentialSettings settings, CredentialKey entity) {
        this.settings = settings;
        this.entity = entity;
        this.keyType = entity.certificate().getPublicKey() instanceof ECPublicKey ? KeyType.EC : KeyType.RSA;
    }

    boolean disabled() {
        return disabled;
    }

    void disabled(boolean value) {
        disabled = value;
    }

    /** Counts a wrong PIN or OTP; returns the consecutive failures so far. */
    int failed() {
        return failures.incrementAndGet();
    }

    int failures() {
        return failures.get();
    }

    void resetFailures() {
        failures.set(0);
    }

    String id() {
        return settings.id();
    }

    CscCredentialSettings settings() {
        return settings;
    }

    KeyType keyType() {
        return keyType;
    }

    boolean scal2() {
        return "2".equals(settings.scal());
    }

    int multisign() {
        return settings.multisign();
    }

    AuthMode authMode() {
        return settings.authMode();
    }

    X509Certificate certificate() {
        return entity.certificate();
    }

    /** Whether the authorisation page must ask for the person's PIN (a registered device). */
    boolean needsPin() {
        return entity.needsPin();
    }

    /** Unlocks the key with the person's PIN, as the key's token checks it. */
    boolean unlock(String pin) {
        return entity.unlock(pin);
    }

    Optional<Sign> signAlgo(String oid) {
        return SignAlgorithms.forKey(keyType).stream()
                .filter(s -> s.oid().equals(oid))
                .findFirst();
    }

    /** The credentials/info answer; {@code certificates} is none, single or chain. */
    Map<String, Object> info(String certificates, boolean certInfo, boolean authInfo) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("status", disabled ? "disabled" : "enabled");
        key.put("algo", SignAlgorithms.forKey(keyType).stream().map(Sign::oid).toList());
        if (entity.certificate().getPublicKey() instanceof RSAPublicKey rsa) {
            key.put("len", rsa.getModulus().bitLength());
        } else {
            ECPublicKey ec = (ECPublicKey) entity.certificate().getPublicKey();
            key.put("len", ec.getParams().getOrder().bitLength());
            // Only P-256 keys exist in the sandbox PKI (KeyKind.EC_P256).
            key.put("curve", SignAlgorithms.P256);
        }

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
            cert.put("serialNumber", certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
            cert.put("subjectDN", certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
            cert.put(
                    "validFrom",
                    GENERALIZED_TIME.format(certificate.getNotBefore().toInstant()));
            cert.put(
                    "validTo", GENERALIZED_TIME.format(certificate.getNotAfter().toInstant()));
        }

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("description", settings.description());
        info.put("key", key);
        info.put("cert", cert);
        info.put("auth", auth(authInfo));
        info.put("SCAL", settings.scal());
        info.put("multisign", settings.multisign());
        info.put("lang", "en-US");
        return info;
    }

    // auth.mode is REQUIRED, so it is always there; expression and objects come with authInfo.
    private Map<String, Object> auth(boolean authInfo) {
        Map<String, Object> auth = new LinkedHashMap<>();
        switch (settings.authMode()) {
            case OAUTH2CODE -> auth.put("mode", "oauth2code");
            case IMPLICIT -> {
                // v2 has no "implicit": RSSP-managed authorisation is explicit without factors (section 13.10).
                auth.put("mode", "explicit");
                if (authInfo) {
                    auth.put("objects", List.of());
                }
            }
            case EXPLICIT -> {
                auth.put("mode", "explicit");
                if (authInfo) {
                    List<Map<String, Object>> objects = new ArrayList<>();
                    if (settings.pin() != null) {
                        objects.add(object("PIN", "PIN", "Please enter the signature PIN", null));
                    }
                    if (settings.otp()) {
                        objects.add(object(
                                "OTP",
                                "OTP",
                                "Please enter the 6 digit code sent after credentials/sendOTP",
                                "sandbox-outbox"));
                    }
                    auth.put(
                            "expression",
                            String.join(
                                    " AND ",
                                    objects.stream()
                                            .map(o -> (String) o.get("id"))
                                            .toList()));
                    auth.put("objects", objects);
                }
            }
        }
        return auth;
    }

    private static Map<String, Object> object(String id, String label, String description, String generator) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", "Password");
        object.put("id", id);
        object.put("format", "N");
        if (generator != null) {
            object.put("generator", generator);
        }
        object.put("label", label);
        object.put("description", description);
        return object;
    }

    /**
     * Signs a digest: RSA PKCS#1 v1.5 over DigestInfo(digest algorithm, digest), RSASSA-PSS with
     * the given parameters, or ECDSA over the digest with the DER ECDSA-Sig-Value as the result.
     */
    byte[] sign(Sign algo, HashAlgorithm digest, Pss pss, byte[] hash) {
        try {
            if (algo.pss()) {
                PSSSigner signer = PSSSigner.createRawSigner(
                        new RSABlindedEngine(),
                        pss.hash().digest().get(),
                        pss.mgfHash().digest().get(),
                        pss.saltLength(),
                        PSSSigner.TRAILER_IMPLICIT);
                signer.init(
                        true,
                        new ParametersWithRandom(
                                PrivateKeyFactory.createKey(entity.privateKey().getEncoded()), RANDOM));
                signer.update(hash, 0, hash.length);
                return signer.generateSignature();
            }
            if (keyType == KeyType.EC) {
                Signature ecdsa = entity.provider() == null
                        ? Signature.getInstance("NONEwithECDSA")
                        : Signature.getInstance("NONEwithECDSA", entity.provider());
                ecdsa.initSign(entity.privateKey());
                ecdsa.update(hash);
                return ecdsa.sign();
            }
            byte[] digestInfo = new DigestInfo(
                            new AlgorithmIdentifier(new ASN1ObjectIdentifier(digest.oid()), DERNull.INSTANCE), hash)
                    .getEncoded(ASN1Encoding.DER);
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initSign(entity.privateKey());
            rsa.update(digestInfo);
            return rsa.sign();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | CryptoException e) {
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
