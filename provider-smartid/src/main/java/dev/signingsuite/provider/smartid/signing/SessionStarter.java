package dev.signingsuite.provider.smartid.signing;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.provider.smartid.client.HashAlgorithm;
import dev.signingsuite.provider.smartid.client.ResponseVerifier;
import dev.signingsuite.provider.smartid.client.SmartIdCallException;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.provider.smartid.client.SmartIdResponseException;
import dev.signingsuite.signature.DssParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import io.github.resilience4j.retry.Retry;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Starts the Smart-ID session of a document: the signer's certificate by document number (checked
 * against the trust anchors), DSS's data to be signed with RSASSA-PSS over SHA-256, and a
 * notification signature session on its digest. Nothing here waits for the person.
 *
 * <p>The signing date is the document's {@code computedAt}: a redelivered record then builds the
 * same digest, and the service's idempotency window (reference §2) returns the session already
 * started instead of a second one.
 */
public final class SessionStarter {

    private static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.RSA_SSA_PSS_SHA256_MGF1;
    private static final Pattern DOCUMENT_NUMBER =
            Pattern.compile("^(PAS|IDC|PNO)[A-Z]{2}-[A-Za-z0-9-]+-[A-Z0-9]{4}-N?Q$");

    private final SmartIdClient client;
    private final ResponseVerifier verifier;
    private final CAdESService cades;
    private final Retry retry;
    private final Clock clock;
    private final Duration sessionTimeout;

    public SessionStarter(
            SmartIdClient client,
            ResponseVerifier verifier,
            CAdESService cades,
            Retry retry,
            Clock clock,
            Duration sessionTimeout) {
        this.client = client;
        this.verifier = verifier;
        this.cades = cades;
        this.retry = retry;
        this.clock = clock;
        this.sessionTimeout = sessionTimeout;
    }

    /**
     * @throws SmartIdCallException when the service stays unavailable after the retries (transient):
     *     the binder retries the record or dead-letters it for replay
     */
    public StartOutcome start(HashComputed document) {
        String documentNumber = document.signer().identity();
        if (!DOCUMENT_NUMBER.matcher(documentNumber).matches()) {
            return failed(
                    document,
                    FailureReason.ACCOUNT_NOT_FOUND,
                    "Smart-ID signs by document number (PNOEE-…-XXXX-Q), not by " + documentNumber);
        }
        if (document.format() != SignatureFormat.ASIC_E_CADES) {
            return failed(
                    document,
                    FailureReason.STAGE_UNAVAILABLE,
                    "provider-smartid does not produce " + document.format() + " yet");
        }
        if (document.manifest() == null) {
            return failed(document, FailureReason.INVALID_DOCUMENT, "an ASiC-E with CAdES document needs a manifest");
        }
        try {
            SmartIdClient.CertificateAnswer answer = retry.executeSupplier(() -> client.certificate(documentNumber));
            if (answer.certificate() == null) {
                return failed(
                        document,
                        FailureReason.DOCUMENT_UNUSABLE,
                        "Smart-ID answered " + answer.state() + " for the signer's certificate");
            }
            X509Certificate certificate = answer.certificate();
            verifier.checkCertificate(certificate, answer.certificateLevel(), documentNumber);
            SignatureParameters parameters = DssParameters.describe(
                    document.format(),
                    document.level(),
                    ALGORITHM,
                    document.computedAt(),
                    new CertificateToken(certificate),
                    verifier.issuers(certificate).stream()
                            .map(CertificateToken::new)
                            .toList());
            byte[] dataToSign;
            try {
                dataToSign = cades.getDataToSign(
                                DssParameters.manifest(document.manifest()), DssParameters.cadesBaselineB(parameters))
                        .getBytes();
            } catch (RuntimeException e) {
                return failed(
                        document, FailureReason.INVALID_DOCUMENT, "cannot build the data to sign: " + e.getMessage());
            }
            byte[] digest = sha256(dataToSign);
            Instant requestedAt = clock.instant();
            SmartIdClient.NotificationSession session = retry.executeSupplier(
                    () -> client.notificationSignatureByDocument(documentNumber, digest, HashAlgorithm.SHA_256));
            return new StartOutcome.Requested(
                    document,
                    parameters,
                    digest,
                    new RemoteSession(
                            session.sessionId(), session.verificationCode(), null, requestedAt.plus(sessionTimeout)),
                    requestedAt);
        } catch (SmartIdCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            return failed(document, reasonFor(e), e.getMessage());
        } catch (SmartIdResponseException e) {
            return failed(
                    document,
                    e.check() == SmartIdResponseException.Check.CERTIFICATE
                            ? FailureReason.CERTIFICATE_INVALID
                            : FailureReason.SIGNER_UNAVAILABLE,
                    e.getMessage());
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

    private static StartOutcome.Failed failed(HashComputed document, FailureReason reason, String message) {
        return new StartOutcome.Failed(document, reason, message);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
