package dev.signingsuite.provider.smartid.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SigningIntent;
import dev.signingsuite.provider.runtime.PreparedSignature;
import dev.signingsuite.provider.runtime.RemoteSigner;
import dev.signingsuite.provider.runtime.Resolution;
import dev.signingsuite.provider.runtime.Returned;
import dev.signingsuite.provider.runtime.Signer;
import dev.signingsuite.provider.runtime.SignerWaits;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.provider.smartid.client.HashAlgorithm;
import dev.signingsuite.provider.smartid.client.ResponseVerifier;
import dev.signingsuite.provider.smartid.client.SmartIdCallException;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.provider.smartid.client.SmartIdProperties;
import dev.signingsuite.provider.smartid.client.SmartIdResponseException;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import io.github.resilience4j.retry.Retry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Smart-ID v3 behind the runtime's port. The signer's certificate comes by document number (checked
 * against the trust anchors); each document's digest starts one notification signature session
 * (RSASSA-PSS over SHA-256), answered as a session whose value comes later: the person confirms on
 * the phone and the {@code SessionPoller} hands the value to the runtime. Nothing here waits for the
 * person. A signer without a document number ({@link LinkedFlow#SIGNER}) chooses the certificate on
 * the phone first.
 *
 * <p>The signing date is the document's {@code computedAt}: a redelivered record then builds the
 * same digest, and the service's idempotency window (reference §2) returns the session already
 * started instead of a second one.
 */
public final class SmartIdSigner implements RemoteSigner {

    /** The service answers a repeated identical session request with the first session this long. */
    static final Duration IDEMPOTENCY_WINDOW = SmartIdProperties.IDEMPOTENCY_WINDOW;

    private static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.RSA_SSA_PSS_SHA256_MGF1;
    private static final Pattern DOCUMENT_NUMBER =
            Pattern.compile("^(PAS|IDC|PNO)[A-Z]{2}-[A-Za-z0-9-]+-[A-Z0-9]{4}-N?Q$");

    private final SmartIdClient client;
    private final ResponseVerifier verifier;
    private final LinkedFlow linkedFlow;
    private final Retry retry;
    private final Clock clock;
    private final Duration sessionTimeout;
    private final KeptLookups<Resolution.Sign> recent;

    /**
     * @param certificateReuse how long a signer's certificate, once looked up and checked, serves
     *     further documents of the same document number
     */
    public SmartIdSigner(
            SmartIdClient client,
            ResponseVerifier verifier,
            LinkedFlow linkedFlow,
            Retry retry,
            Clock clock,
            Duration sessionTimeout,
            Duration certificateReuse) {
        this.client = client;
        this.verifier = verifier;
        this.linkedFlow = linkedFlow;
        this.retry = retry;
        this.clock = clock;
        this.sessionTimeout = sessionTimeout;
        this.recent = new KeptLookups<>(certificateReuse, clock);
    }

    @Override
    public String name() {
        return "smartid";
    }

    @Override
    public Instant signingDate(HashComputed document, Instant now) {
        return document.computedAt();
    }

    /**
     * Only inside the service's idempotency window (reference §2): the same request then answers the
     * session already started, so the person is not asked twice. Later a new request would prompt
     * again, so the document fails instead.
     */
    @Override
    public boolean mayAskAgain(SigningIntent started, Instant now) {
        return now.isBefore(started.at().plus(IDEMPOTENCY_WINDOW));
    }

    /** The session's code came from the service and is not in the ledger: the first request showed it. */
    @Override
    public RemoteSession resumed(SigningIntent started, PreparedSignature prepared) {
        return new RemoteSession(
                started.remoteSessionId(), null, null, started.at().plus(sessionTimeout));
    }

    /**
     * @throws SignerWaits when the service stays unavailable after the retries: the poll is parked
     *     and comes again (the fixed signing date makes the repeated session starts idempotent)
     */
    @Override
    public Resolution resolve(HashComputed document) {
        if (LinkedFlow.asksForDeviceLink(document)) {
            SigningOutcome started;
            try {
                started = linkedFlow.start(document);
            } catch (SmartIdCallException e) {
                // LinkedFlow throws transient errors only.
                throw SignerWaits.unavailable("Smart-ID unavailable: " + e.getMessage());
            }
            if (started instanceof SigningOutcome.Requested requested) {
                return new Resolution.Started(
                        requested.session(), requested.certificateChoice(), requested.requestedAt());
            }
            SigningOutcome.Failed failed = (SigningOutcome.Failed) started;
            return new Resolution.Refused(failed.reason(), failed.message());
        }
        String documentNumber = document.signer().identity();
        if (!DOCUMENT_NUMBER.matcher(documentNumber).matches()) {
            return new Resolution.Refused(
                    FailureReason.ACCOUNT_NOT_FOUND,
                    "Smart-ID signs by document number (PNOEE-…-XXXX-Q), not by " + documentNumber);
        }
        Resolution.Sign known = recent.get(documentNumber);
        if (known != null) {
            return known;
        }
        Resolution resolution = lookUp(documentNumber);
        if (resolution instanceof Resolution.Sign sign) {
            recent.put(documentNumber, sign);
        }
        return resolution;
    }

    /** The signer's certificate by document number, checked against the trust anchors. */
    private Resolution lookUp(String documentNumber) {
        try {
            SmartIdClient.CertificateAnswer answer = retry.executeSupplier(() -> client.certificate(documentNumber));
            if (answer.certificate() == null) {
                return new Resolution.Refused(
                        FailureReason.DOCUMENT_UNUSABLE,
                        "Smart-ID answered " + answer.state() + " for the signer's certificate");
            }
            X509Certificate certificate = answer.certificate();
            verifier.checkCertificate(certificate, answer.certificateLevel(), documentNumber);
            List<CertificateToken> chain = verifier.issuers(certificate).stream()
                    .map(CertificateToken::new)
                    .toList();
            // One session per document: the person confirms each digest with its own code.
            return new Resolution.Sign(
                    new Signer(documentNumber, new CertificateToken(certificate), chain, ALGORITHM, 1));
        } catch (SmartIdCallException e) {
            if (e.isTransient()) {
                throw SignerWaits.unavailable("Smart-ID unavailable: " + e.getMessage());
            }
            return new Resolution.Refused(reasonFor(e), e.getMessage());
        } catch (SmartIdResponseException e) {
            return new Resolution.Refused(
                    e.check() == SmartIdResponseException.Check.CERTIFICATE
                            ? FailureReason.CERTIFICATE_INVALID
                            : FailureReason.SIGNER_UNAVAILABLE,
                    e.getMessage());
        }
    }

    @Override
    public List<Returned> sign(Signer signer, List<PreparedSignature> group) {
        return group.stream()
                .map(prepared -> start(signer.id(), prepared.digest()))
                .toList();
    }

    private Returned start(String documentNumber, byte[] digest) {
        try {
            Instant requestedAt = clock.instant();
            SmartIdClient.NotificationSession session = retry.executeSupplier(
                    () -> client.notificationSignatureByDocument(documentNumber, digest, HashAlgorithm.SHA_256));
            return new Returned.Pending(new RemoteSession(
                    session.sessionId(), session.verificationCode(), null, requestedAt.plus(sessionTimeout)));
        } catch (SmartIdCallException e) {
            if (e.isTransient()) {
                throw SignerWaits.unavailable("Smart-ID unavailable: " + e.getMessage());
            }
            return new Returned.Failed(reasonFor(e), e.getMessage());
        }
    }

    /** Permanent HTTP errors of a session start (reference §2.1). */
    static FailureReason reasonFor(SmartIdCallException e) {
        if (e.isNotFound()) {
            return FailureReason.ACCOUNT_NOT_FOUND;
        }
        if (e.status() == 401 || e.status() == 403) {
            return FailureReason.SIGNER_NOT_ALLOWED;
        }
        if (e.status() == 400) {
            return FailureReason.INTERNAL_ERROR;
        }
        return FailureReason.SIGNER_UNAVAILABLE; // 480 client too old, unreadable answers
    }
}
