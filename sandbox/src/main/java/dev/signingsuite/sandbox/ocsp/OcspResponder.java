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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
 * An RFC 6960 OCSP responder for the certificates of one or more CAs, signing as the authorised
 * responder of the CA a request names (the sandbox's issuing CA and the Smart-ID EID-Q CA share one
 * URL, so a service configured with one OCSP URL reaches both). Turns a DER {@code OCSPRequest}
 * into a DER {@code OCSPResponse}. Thread-safe.
 */
public final class OcspResponder {

    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(OcspResponder.class);

    /**
     * A CA and its authorised responder.
     *
     * @param responder signs the responses; its certificate must be issued by {@code ca} with EKU
     *     id-kp-OCSPSigning, or clients will not accept it
     */
    public record Authority(PkiEntity responder, PkiEntity ca) {}

    private record Signer(PkiEntity responder, X509CertificateHolder responderCertificate, X509CertificateHolder ca) {}

    private final TestPki pki;
    private final List<Signer> signers;
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
        this(pki, List.of(new Authority(responder, ca)), validity, clock);
    }

    /**
     * @param authorities the CAs answered for; the first answers requests that name none of them
     *     (with status unknown)
     */
    public OcspResponder(TestPki pki, List<Authority> authorities, Duration validity, Clock clock) {
        this.pki = Objects.requireNonNull(pki, "pki");
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("an OCSP responder answers for at least one CA");
        }
        this.validity = Objects.requireNonNull(validity, "validity");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        try {
            List<Signer> signers = new ArrayList<>();
            for (Authority authority : authorities) {
                signers.add(new Signer(
                        Objects.requireNonNull(authority.responder(), "responder"),
                        new JcaX509CertificateHolder(authority.responder().certificate()),
                        new JcaX509CertificateHolder(authority.ca().certificate())));
            }
            this.signers = List.copyOf(signers);
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the OCSP responder " + authorities, e);
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
            Signer signer = signerFor(certificates[0].getCertID());
            X509CertificateHolder responderCertificate = signer.responderCertificate();
            X509CertificateHolder caCertificate = signer.ca();
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
                builder.addResponse(
                        id, statusOf(id, caCertificate), Date.from(now), Date.from(now.plus(validity)), retained);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp response = builder.build(
                    new JcaContentSignerBuilder(signer.responder().signatureAlgorithm())
                            .build(signer.responder().privateKey()),
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

    // The CA of the request's first certificate; the others are answered unknown if another CA's.
    private Signer signerFor(CertificateID id) {
        for (Signer signer : signers) {
            try {
                if (id.matchesIssuer(signer.ca(), digests)) {
                    return signer;
                }
            } catch (OCSPException e) {
                // A hash algorithm we cannot compute names none of our CAs.
            }
        }
        return signers.get(0);
    }

    private CertificateStatus statusOf(CertificateID id, X509CertificateHolder caCertificate) {
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
