package dev.signingsuite.gateway.audit;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.esf.RevocationValues;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.bouncycastle.util.Selector;

/**
 * What a finished CAdES signature proves for the audit trail, read with BouncyCastle: each
 * timestamp token's serial number, TSA and time, and the SHA-256 of each OCSP response embedded
 * (CAdES baseline LT keeps them in the SignedData's {@code crls} as {@code id-ri-ocsp-response};
 * older forms in the {@code revocationValues} attribute).
 */
final class SignatureEvidence {

    /** ETSI EN 319 122-1 archive-time-stamp-v3, the LTA level's timestamp. */
    private static final ASN1ObjectIdentifier ARCHIVE_TIMESTAMP_V3 = new ASN1ObjectIdentifier("0.4.0.1733.2.4");

    private static final ASN1ObjectIdentifier REVOCATION_VALUES = PKCSObjectIdentifiers.id_aa_ets_revocationValues;

    private SignatureEvidence() {}

    /**
     * @return {@code timestamps} (each {@code kind}, {@code serialNumber}, {@code tsa}, {@code
     *     genTime}) and {@code ocspResponsesSha256}
     * @throws IllegalArgumentException when {@code cms} is no CMS signature
     */
    static Map<String, Object> of(byte[] cms) {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(cms);
        } catch (CMSException | RuntimeException e) {
            throw new IllegalArgumentException("the signature is no CMS SignedData: " + e.getMessage(), e);
        }
        List<Map<String, Object>> timestamps = new ArrayList<>();
        List<String> ocsp = new ArrayList<>();
        for (Object response : signed.getOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response)
                .getMatches(null)) {
            ocsp.add(sha256((ASN1Encodable) response));
        }
        for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
            AttributeTable unsigned = signer.getUnsignedAttributes();
            if (unsigned == null) {
                continue;
            }
            timestamps(unsigned, PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, "signature", timestamps);
            timestamps(unsigned, ARCHIVE_TIMESTAMP_V3, "archive", timestamps);
            for (Attribute attribute : attributes(unsigned, REVOCATION_VALUES)) {
                for (ASN1Encodable value : attribute.getAttributeValues()) {
                    BasicOCSPResponse[] values =
                            RevocationValues.getInstance(value).getOcspVals();
                    for (BasicOCSPResponse basic : values == null ? new BasicOCSPResponse[0] : values) {
                        ocsp.add(sha256(basic));
                    }
                }
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("timestamps", timestamps);
        evidence.put("ocspResponsesSha256", ocsp);
        return evidence;
    }

    private static void timestamps(
            AttributeTable unsigned, ASN1ObjectIdentifier type, String kind, List<Map<String, Object>> into) {
        for (Attribute attribute : attributes(unsigned, type)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                TimeStampToken token;
                try {
                    token = new TimeStampToken(ContentInfo.getInstance(value));
                } catch (TSPException | IOException | RuntimeException e) {
                    throw new IllegalArgumentException("unreadable " + kind + " timestamp token: " + e.getMessage(), e);
                }
                TimeStampTokenInfo info = token.getTimeStampInfo();
                Map<String, Object> timestamp = new LinkedHashMap<>();
                timestamp.put("kind", kind);
                timestamp.put("serialNumber", hex(info.getSerialNumber()));
                timestamp.put("tsa", tsaName(token));
                timestamp.put(
                        "genTime",
                        Instant.ofEpochMilli(info.getGenTime().getTime()).toString());
                into.add(timestamp);
            }
        }
    }

    private static List<Attribute> attributes(AttributeTable table, ASN1ObjectIdentifier type) {
        ASN1EncodableVector all = table.getAll(type);
        List<Attribute> attributes = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            attributes.add(Attribute.getInstance(all.get(i)));
        }
        return attributes;
    }

    /** The TSA's own name in the token, else the subject of the certificate that signed it. */
    @SuppressWarnings("unchecked")
    private static String tsaName(TimeStampToken token) {
        if (token.getTimeStampInfo().getTsa() != null) {
            return token.getTimeStampInfo().getTsa().getName().toString();
        }
        for (X509CertificateHolder certificate :
                token.getCertificates().getMatches((Selector<X509CertificateHolder>) (Selector<?>) token.getSID())) {
            return certificate.getSubject().toString();
        }
        return null;
    }

    private static String hex(BigInteger serial) {
        return serial.toString(16);
    }

    static String sha256(ASN1Encodable value) {
        try {
            return sha256(value.toASN1Primitive().getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
