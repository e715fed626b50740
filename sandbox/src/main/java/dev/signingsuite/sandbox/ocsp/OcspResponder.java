package dev.signingsuite.sandbox.ocsp;

import dev.signingsuite.sandbox.pki.PkiEntity;
import dev.signingsuite.sandbox.pki.RevocationStatus;
import dev.signingsuite.sandbox.pki.SandboxEntities;
import dev.signingsuite.sandbox.pki.TestPki;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RFC 6960 OCSP responder for the certificates of one CA, signing as that CA's authorised
 * responder. Turns a DER {@code OCSPRequest} into a DER {@code OCSPResponse}. Thread-safe.
 */
public final class OcspResponder {

    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(OcspResponder.class);

    private final TestPki pki;
    private final PkiEntity responder;
    private final X509CertificateHolder responderCertificate;
    private final X509CertificateHolder caCertificate;
    private final Duration validity;
    private final Clock clock;
    private final DigestCalculatorProvider digests;
    private final AtomicLong requests = new AtomicLong();

    /** Answers for the PKI's issuing CA, signed by its {@code ocsp} entity, valid for an hour. */
    public OcspResponder(TestPki pki) {
        this(pki, pki.entity(SandboxEntities.OCSP), pki.issuingCa(), DEFAULT_VALIDITY, Clock.systemUTC());
    }

    /**
     * @param responder signs the responses; its certificate must be issued by {@code ca} with EKU
     *     id-kp-OCSPSigning, or clients will not accept it
     * @param validity the distance between thisUpdate and nextUpdate
     */
    public OcspResponder(TestPki pki, PkiEntity responder, PkiEntity ca, Duration validity, Clock clock) {
        this.pki = Objects.requireNonNull(pki, "pki");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        try {
            this.responderCertificate = new JcaX509CertificateHolder(responder.certificate());
            this.caCertificate = new JcaX509CertificateHolder(ca.certificate());
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the OCSP responder " + responder, e);
        }
    }

    /** Answers an OCSP request; anything that does not parse gets the malformedRequest status. */
    public byte[] respond(byte[] requestBytes) {
        requests.incrementAndGet();
        OCSPReq request;
        try {
            request = new OCSPReq(requestBytes);
        } catch (IOException | RuntimeException e) {
            log.debug("Malformed OCSP request: {}", e.toString());
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Req[] certificates = request.getRequestList();
        if (certificates.length == 0) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    responderCertificate.getSubjectPublicKeyInfo(),
                    digests.get(CertificateID.HASH_SHA1)); // RFC 6960 4.2.1: byKey is the SHA-1 of the key
            // RFC 6960 4.4.4: the status of every certificate is kept from the CA's start, so that
            // revocation data for a certificate that has expired (a one-time certificate a minute
            // after its issue) still validates.
            Extensions retained = new Extensions(new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_archive_cutoff,
                    false,
                    new DERGeneralizedTime(caCertificate.getNotBefore()).getEncoded()));
            for (Req single : certificates) {
                CertificateID id = single.getCertID();
                builder.addResponse(id, statusOf(id), Date.from(now), Date.from(now.plus(validity)), retained);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp response = builder.build(
                    new JcaContentSignerBuilder(responder.signatureAlgorithm()).build(responder.privateKey()),
                    new X509CertificateHolder[] {responderCertificate},
                    Date.from(now));
            return new OCSPRespBuilder()
                    .build(OCSPRespBuilder.SUCCESSFUL, response)
                    .getEncoded();
        } catch (Exception e) {
            log.warn("Cannot answer an OCSP request", e);
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    /** Requests received so far, malformed ones included. */
    public long requestCount() {
        return requests.get();
    }

    private CertificateStatus statusOf(CertificateID id) {
        try {
            if (!id.matchesIssuer(caCertificate, digests)) {
                return new UnknownStatus();
            }
        } catch (OCSPException e) {
            // A hash algorithm we cannot compute cannot name our CA.
            return new UnknownStatus();
        }
        RevocationStatus status = pki.revocationStatus(id.getSerialNumber());
        if (status instanceof RevocationStatus.Revoked revoked) {
            return new RevokedStatus(Date.from(revoked.revokedAt()), revoked.reason());
        }
        return status instanceof RevocationStatus.Good ? CertificateStatus.GOOD : new UnknownStatus();
    }

    private static byte[] status(int responseStatus) {
        try {
            return new OCSPRespBuilder().build(responseStatus, null).getEncoded();
        } catch (IOException | OCSPException e) {
            throw new IllegalStateException("cannot encode an OCSP status", e);
        }
    }
}
