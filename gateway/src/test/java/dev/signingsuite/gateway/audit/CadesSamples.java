package dev.signingsuite.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A CAdES-LT-shaped signature built with BouncyCastle alone, fast enough for a unit test: a CMS
 * SignedData with a signature timestamp token (unsigned attribute) and an OCSP response in its
 * {@code crls} as {@code id-ri-ocsp-response}, as DSS writes baseline LT.
 */
public final class CadesSamples {

    public static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");
    public static final BigInteger TIMESTAMP_SERIAL = BigInteger.valueOf(0x5eed);
    public static final String TSA_SUBJECT = "CN=Audit Test TSA,O=Signing Suite Tests";
    public static final String SIGNER_SUBJECT = "CN=Mari Maasikas,SERIALNUMBER=PNOEE-48010010000";

    /** The signature, its signer's DER certificate, and the DER OCSP response embedded in it. */
    public record Sample(byte[] cms, byte[] signerCertificate, byte[] ocspResponse) {}

    private CadesSamples() {}

    public static Sample signature() {
        try {
            KeyPair signerKeys = ecKeys();
            KeyPair tsaKeys = ecKeys();
            X509CertificateHolder signer = certificate(SIGNER_SUBJECT, signerKeys, null);
            X509CertificateHolder tsa = certificate(TSA_SUBJECT, tsaKeys, KeyPurposeId.id_kp_timeStamping);
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();

            OCSPResp ocsp = ocsp(signer, tsaKeys, tsa, digests);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(digests).build(signer(signerKeys), signer));
            generator.addCertificates(new JcaCertStore(List.of(signer)));
            generator.addOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response, ocsp.toASN1Structure());
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray("<ASiCManifest/>".getBytes(UTF_8)));

            SignerInformation info =
                    signed.getSignerInfos().getSigners().iterator().next();
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSignerInfoGeneratorBuilder(digests).build(signer(tsaKeys), tsa),
                    digests.get(new org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder().find("SHA-256")),
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1"));
            tokens.addCertificates(new JcaCertStore(List.of(tsa)));
            byte[] imprint = java.security.MessageDigest.getInstance("SHA-256").digest(info.getSignature());
            TimeStampRequestGenerator request = new TimeStampRequestGenerator();
            // As DSS asks: the TSA's certificate in the token, so that the token names its TSA.
            request.setCertReq(true);
            TimeStampToken token = tokens.generate(
                    request.generate(org.bouncycastle.tsp.TSPAlgorithms.SHA256, imprint),
                    TIMESTAMP_SERIAL,
                    Date.from(AT));
            Attribute timestamp = new Attribute(
                    PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(token.toCMSSignedData().toASN1Structure()));
            SignerInformation stamped =
                    SignerInformation.replaceUnsignedAttributes(info, new AttributeTable(new DERSet(timestamp)));
            CMSSignedData result = CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
            return new Sample(result.getEncoded(), signer.getEncoded(), ocsp.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the sample signature", e);
        }
    }

    private static OCSPResp ocsp(
            X509CertificateHolder subject,
            KeyPair responderKeys,
            X509CertificateHolder responder,
            DigestCalculatorProvider digests)
            throws Exception {
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(responder.getSubject()));
        builder.addResponse(
                new CertificateID(digests.get(CertificateID.HASH_SHA1), subject, subject.getSerialNumber()),
                CertificateStatus.GOOD,
                Date.from(AT),
                Date.from(AT.plusSeconds(3600)),
                null);
        return new OCSPRespBuilder()
                .build(OCSPRespBuilder.SUCCESSFUL, builder.build(signer(responderKeys), null, Date.from(AT)));
    }

    private static X509CertificateHolder certificate(String subject, KeyPair keys, KeyPurposeId purpose)
            throws Exception {
        X500Name name = new X500Name(subject);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(subject.hashCode() & 0x7fffffff),
                Date.from(AT.minusSeconds(86_400)),
                Date.from(AT.plusSeconds(86_400L * 3650)),
                name,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (purpose != null) {
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purpose));
        }
        return builder.build(signer(keys));
    }

    private static ContentSigner signer(KeyPair keys) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
