package dev.signingsuite.sandbox.tsa;

import dev.signingsuite.sandbox.pki.PkiEntity;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RFC 3161 time-stamping authority: turns a DER {@code TimeStampReq} into a DER {@code
 * TimeStampResp}. Tokens carry an ESSCertIDv2 (SHA-256) of the TSA certificate, the configured
 * policy, an accuracy of one second and the request's nonce. Thread-safe.
 */
public final class TimeStampAuthority {

    /** A private-arc policy OID; real TSAs publish theirs in their TSA practice statement. */
    public static final ASN1ObjectIdentifier DEFAULT_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1");

    // SHA-1 and MD5 are refused: ETSI TS 119 312 no longer allows them for new time-stamps.
    private static final Set<ASN1ObjectIdentifier> ACCEPTED_ALGORITHMS = Set.of(
            TSPAlgorithms.SHA256,
            TSPAlgorithms.SHA384,
            TSPAlgorithms.SHA512,
            NISTObjectIdentifiers.id_sha3_256,
            NISTObjectIdentifiers.id_sha3_384,
            NISTObjectIdentifiers.id_sha3_512);

    private static final Logger log = LoggerFactory.getLogger(TimeStampAuthority.class);

    private final TimeStampTokenGenerator tokenGenerator;
    private final ASN1ObjectIdentifier policy;
    private final Clock clock;
    private long lastSerial;

    public TimeStampAuthority(PkiEntity tsa) {
        this(tsa, DEFAULT_POLICY, Clock.systemUTC());
    }

    public TimeStampAuthority(PkiEntity tsa, ASN1ObjectIdentifier policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder()
                    .build()
                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            String algorithm = tsa.signatureAlgorithm();
            this.tokenGenerator = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build(algorithm, tsa.privateKey(), tsa.certificate()),
                    sha256,
                    policy,
                    true);
            tokenGenerator.setAccuracySeconds(1);
            // Added to the token only when the request sets certReq (RFC 3161 2.4.1).
            tokenGenerator.addCertificates(new JcaCertStore(List.of(tsa.certificate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the TSA with " + tsa, e);
        }
        // Serials continue upward across restarts: they start from the clock, in microseconds.
        this.lastSerial = clock.millis() * 1000;
    }

    /**
     * Answers a time-stamp query: granted, or rejected with a PKIFailureInfo (badAlg for an
     * unsupported hash algorithm, unacceptedPolicy for another policy, badDataFormat for a digest
     * of the wrong length).
     *
     * @throws IllegalArgumentException if {@code query} is not a DER TimeStampReq at all
     */
    public byte[] respond(byte[] query) {
        TimeStampRequest request;
        try {
            request = new TimeStampRequest(query);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER TimeStampReq: " + e.getMessage(), e);
        }
        try {
            TimeStampResponse response;
            // The token generator's signer and the serial counter are shared: one token at a time
            // keeps serials in the order of their genTime. Signing takes about a millisecond.
            synchronized (this) {
                BigInteger serial = BigInteger.valueOf(nextSerial());
                // A response generator keeps the fail info of earlier rejections: one per request.
                response = new TimeStampResponseGenerator(tokenGenerator, ACCEPTED_ALGORITHMS, Set.of(policy))
                        .generate(request, serial, Date.from(clock.instant()));
            }
            if (response.getStatus() > 1) {
                log.debug("Time-stamp request rejected: {}", response.getStatusString());
            }
            return response.getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("cannot produce a time-stamp response", e);
        }
    }

    public ASN1ObjectIdentifier policy() {
        return policy;
    }

    private long nextSerial() {
        lastSerial = Math.max(lastSerial + 1, clock.millis() * 1000);
        return lastSerial;
    }
}
