package dev.signingsuite.provider.smartid.client;

import dev.signingsuite.provider.smartid.client.SmartIdResponseException.Check;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.DigestFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The checks of reference §10 on what the service returns: the certificate chains to a configured
 * trust anchor (system trust store never used), is valid now, is for signing, has the level asked
 * for and belongs to the person of the document number; the signature is RSASSA-PSS with exactly
 * the parameters asked for and verifies over the digest that was sent.
 */
public final class ResponseVerifier {

    private static final Map<String, Integer> LEVELS = Map.of("ADVANCED", 1, "QUALIFIED", 2, "QSCD", 2);

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> intermediates;
    private final String requiredLevel;
    private final Clock clock;

    public ResponseVerifier(List<X509Certificate> trusted, String requiredLevel, Clock clock) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("no Smart-ID trust anchors configured");
        }
        if (trusted.stream().allMatch(ResponseVerifier::selfSigned)) {
            throw new IllegalArgumentException("the Smart-ID trust anchors (signing.smartid.trust-anchors) hold only"
                    + " self-signed roots "
                    + trusted.stream()
                            .map(c -> c.getSubjectX500Principal().getName())
                            .toList()
                    + " and no issuing CA. Smart-ID answers carry the person's certificate without its chain, so"
                    + " no path could be built and every signature would fail: add the issuing CA certificates"
                    + " (e.g. SK ID Solutions EID-Q 2024E, or TEST of SK ID Solutions EID-Q 2024E for the demo)"
                    + " to the same PEM file");
        }
        this.anchors = new HashSet<>();
        trusted.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        this.intermediates = List.copyOf(trusted);
        this.requiredLevel = requiredLevel;
        this.clock = clock;
    }

    public static List<X509Certificate> readPem(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)
                    .forEach(c -> certificates.add((X509Certificate) c));
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read Smart-ID trust anchors from " + pem, e);
        }
    }

    /** The ETSI semantics identifier of a document number: without its last two parts. */
    public static String etsiIdOf(String documentNumber) {
        int last = documentNumber.lastIndexOf('-');
        int second = last < 0 ? -1 : documentNumber.lastIndexOf('-', last - 1);
        if (second < 0) {
            throw new IllegalArgumentException("not a Smart-ID document number: " + documentNumber);
        }
        return documentNumber.substring(0, second);
    }

    /** The issuer chain of a checked certificate, nearest first (for the signature parameters). */
    public List<X509Certificate> issuers(X509Certificate certificate) {
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate current = certificate;
        for (int i = 0; i < 5; i++) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : intermediates) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && !candidate.equals(current)) {
                    issuer = candidate;
                }
            }
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            if (issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
                break;
            }
            current = issuer;
        }
        return chain;
    }

    /** A signing certificate of the document number's person at the required level, or an exception. */
    public void checkCertificate(X509Certificate certificate, String reportedLevel, String documentNumber) {
        checkTrusted(certificate, reportedLevel);
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage == null || keyUsage.length < 2 || !keyUsage[1] || certificate.getBasicConstraints() >= 0) {
            throw new SmartIdResponseException(Check.CERTIFICATE, "not a signing certificate (nonRepudiation)");
        }
        if (LEVELS.get(requiredLevel) >= 2 && !qualifiedForSigning(certificate)) {
            throw new SmartIdResponseException(
                    Check.CERTIFICATE, "certificate has no QcCompliance and esign QcType statements");
        }
        checkIdentity(certificate, documentNumber);
    }

    /** The level is at least the required one, and the certificate is valid now and chains to an anchor. */
    void checkTrusted(X509Certificate certificate, String reportedLevel) {
        Integer reported = reportedLevel == null ? null : LEVELS.get(reportedLevel);
        if (reported == null || reported < LEVELS.get(requiredLevel)) {
            throw new SmartIdResponseException(
                    Check.CERTIFICATE, "certificate level " + reportedLevel + " is below " + requiredLevel);
        }
        try {
            certificate.checkValidity(Date.from(clock.instant()));
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false); // revocation is checked by DSS at LT with OCSP
            parameters.setDate(Date.from(clock.instant()));
            List<X509Certificate> path = new ArrayList<>();
            path.add(certificate);
            for (X509Certificate issuer : issuers(certificate)) {
                if (anchors.stream().noneMatch(a -> a.getTrustedCert().equals(issuer))) {
                    path.add(issuer);
                }
            }
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw new SmartIdResponseException(Check.CERTIFICATE, "certificate not trusted: " + e.getMessage());
        }
    }

    /** The certificate is the document number's: its person (serialNumber) and its document (subjectAltName). */
    static void checkIdentity(X509Certificate certificate, String documentNumber) {
        String serial = serialNumber(certificate);
        String expected = etsiIdOf(documentNumber);
        if (!expected.equals(serial)) {
            throw new SmartIdResponseException(
                    Check.CERTIFICATE, "certificate is of another person than document " + documentNumber);
        }
        // One person may hold several documents (accounts); the certificate names its own.
        List<String> documents = documentNumbers(certificate);
        if (!documents.isEmpty() && !documents.contains(documentNumber)) {
            throw new SmartIdResponseException(
                    Check.CERTIFICATE,
                    "certificate belongs to document " + String.join(", ", documents) + ", not " + documentNumber
                            + " (subjectAltName directoryName CN)");
        }
    }

    /**
     * The document numbers a Smart-ID certificate names: the CN of each directoryName in its
     * subjectAltName ({@code DirName:/CN=PNOEE-40504040001-MOCK-Q}). Empty for a certificate without
     * them (issued before SK added them), which is then tied to the person only.
     */
    public static List<String> documentNumbers(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return List.of();
        }
        List<String> documents = new ArrayList<>();
        try {
            GeneralNames names = GeneralNames.getInstance(ASN1Primitive.fromByteArray(
                    ASN1OctetString.getInstance(extension).getOctets()));
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.directoryName) {
                    for (RDN rdn : X500Name.getInstance(name.getName()).getRDNs(BCStyle.CN)) {
                        documents.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new SmartIdResponseException(Check.CERTIFICATE, "unreadable subjectAltName");
        }
        return documents;
    }

    /**
     * Checks an OK signature session answer against what was asked.
     *
     * @param certificate the certificate the session was started for (from the certificate lookup)
     * @param digest the digest sent
     * @param interactions the {@code interactions} string exactly as sent
     */
    public void checkSignature(
            SessionStatus status,
            String documentNumber,
            X509Certificate certificate,
            byte[] digest,
            HashAlgorithm hash,
            Set<String> offeredFlows,
            String interactions) {
        checkCompletedOk(status);
        if (!documentNumber.equals(status.documentNumber())) {
            throw new SmartIdResponseException(
                    Check.CERTIFICATE, "signed by document " + status.documentNumber() + ", not " + documentNumber);
        }
        if (!"RAW_DIGEST_SIGNATURE".equals(status.signatureProtocol())
                || status.signatureValue() == null
                || status.certificate() == null) {
            throw new SmartIdResponseException(Check.PROTOCOL, "signatureProtocol, signature or cert missing");
        }
        checkFlowOffered(status.flowType(), offeredFlows);
        checkInteractionUsed(status.interactionTypeUsed(), interactions);
        checkPssParameters(status, hash);
        X509Certificate returned = SmartIdClient.certificate(status.certificate());
        if (!returned.equals(certificate)) {
            throw new SmartIdResponseException(
                    Check.CERTIFICATE, "the session returned another certificate than the one the data was signed for");
        }
        checkCertificate(returned, status.certificateLevel(), documentNumber);
        if (!verifiesPss(returned, hash, digest, status.signatureValue())) {
            throw new SmartIdResponseException(
                    Check.SIGNATURE, "the signature does not verify against the certificate");
        }
    }

    static void checkCompletedOk(SessionStatus status) {
        if (!"COMPLETE".equals(status.state()) || !"OK".equals(status.endResult())) {
            throw new SmartIdResponseException(Check.PROTOCOL, "not a completed OK session");
        }
    }

    static void checkFlowOffered(String flowType, Set<String> offeredFlows) {
        if (flowType == null || !offeredFlows.contains(flowType)) {
            throw new SmartIdResponseException(Check.PROTOCOL, "flowType " + flowType + " was not offered");
        }
    }

    /** RSASSA-PSS with exactly the parameters the request asked for: MGF1 and salt of the same hash. */
    static void checkPssParameters(SessionStatus status, HashAlgorithm hash) {
        if (!"rsassa-pss".equals(status.signatureAlgorithm())
                || !hash.wireName().equals(status.hashAlgorithm())
                || !"id-mgf1".equals(status.maskGenAlgorithm())
                || !hash.wireName().equals(status.maskGenHashAlgorithm())
                || status.saltLength() == null
                || status.saltLength() != hash.length()
                || !"0xbc".equals(status.trailerField())) {
            throw new SmartIdResponseException(
                    Check.SIGNATURE, "signature algorithm parameters differ from the request");
        }
    }

    /**
     * An OK signing or authentication session must say which interaction the person confirmed, and
     * it must be one the request offered (reference §4, §7). Certificate-choice sessions carry none
     * and are not checked here.
     */
    static void checkInteractionUsed(String interactionTypeUsed, String interactions) {
        if (interactionTypeUsed == null || interactionTypeUsed.isEmpty()) {
            throw new SmartIdResponseException(
                    Check.PROTOCOL,
                    "interactionTypeUsed is missing from an OK session: which interaction the"
                            + " person confirmed is unknown");
        }
        List<String> offered = Interactions.types(interactions);
        if (!offered.contains(interactionTypeUsed)) {
            throw new SmartIdResponseException(
                    Check.PROTOCOL, "interactionTypeUsed " + interactionTypeUsed + " was not offered " + offered);
        }
    }

    /** RSASSA-PSS over a pre-computed digest: MGF1 with the same hash, salt = hash length, trailer 0xbc. */
    static boolean verifiesPss(X509Certificate certificate, HashAlgorithm hash, byte[] digest, byte[] signature) {
        try {
            PSSSigner verifier = PSSSigner.createRawSigner(
                    new RSABlindedEngine(), digest(hash), digest(hash), hash.length(), (byte) 0xbc);
            verifier.init(
                    false, PublicKeyFactory.createKey(certificate.getPublicKey().getEncoded()));
            verifier.update(digest, 0, digest.length);
            return verifier.verifySignature(signature);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Digest digest(HashAlgorithm hash) {
        return switch (hash) {
            case SHA_256 -> DigestFactory.createSHA256();
            case SHA_384 -> DigestFactory.createSHA384();
            case SHA_512 -> DigestFactory.createSHA512();
            case SHA3_256 -> DigestFactory.createSHA3_256();
            case SHA3_384 -> DigestFactory.createSHA3_384();
            case SHA3_512 -> DigestFactory.createSHA3_512();
        };
    }

    private static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean qualifiedForSigning(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.qCStatements.getId());
        if (extension == null) {
            return false;
        }
        boolean compliance = false;
        boolean esign = false;
        ASN1Sequence statements;
        try {
            statements = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(
                    ASN1OctetString.getInstance(extension).getOctets()));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        for (var element : statements) {
            QCStatement statement = QCStatement.getInstance(element);
            if (ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance.equals(statement.getStatementId())) {
                compliance = true;
            }
            if (ETSIQCObjectIdentifiers.id_etsi_qcs_QcType.equals(statement.getStatementId())
                    && statement.getStatementInfo() != null
                    && Arrays.asList(ASN1Sequence.getInstance(statement.getStatementInfo())
                                    .toArray())
                            .contains(ETSIQCObjectIdentifiers.id_etsi_qct_esign)) {
                esign = true;
            }
        }
        return compliance && esign;
    }

    static String serialNumber(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, Map.of("2.5.4.5", "SN5"));
        for (String rdn : name.split("(?<!\\\\),")) {
            if (rdn.startsWith("SN5=")) {
                return rdn.substring(4);
            }
        }
        return null;
    }
}
