package dev.signingsuite.provider.smartid.signing;

import dev.signingsuite.events.CertificateChoice;
import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.RemoteSession;
import dev.signingsuite.events.SignatureFormat;
import dev.signingsuite.events.SignatureParameters;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.events.SignerRef;
import dev.signingsuite.provider.runtime.SigningOutcome;
import dev.signingsuite.provider.smartid.client.HashAlgorithm;
import dev.signingsuite.provider.smartid.client.ResponseVerifier;
import dev.signingsuite.provider.smartid.client.SessionStatus;
import dev.signingsuite.provider.smartid.client.SmartIdCallException;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.provider.smartid.client.SmartIdResponseException;
import dev.signingsuite.provider.smartid.devicelink.ChoiceSessions;
import dev.signingsuite.signature.DssParameters;
import dev.signingsuite.signature.DssSignatures;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.x509.CertificateToken;
import io.github.resilience4j.retry.Retry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * The interactive Smart-ID flow (reference §3, "signing without a prior authentication"): an
 * anonymous device-link certificate choice that the person scans, then, once the certificate is
 * known, DSS's data to be signed with it and the linked notification signature ({@code
 * linkedSessionID}). A signer asks for it with the identity {@link #SIGNER}; the document number
 * comes from the person's choice.
 */
public final class LinkedFlow {

    /** The signer identity that asks for the interactive flow instead of a document number. */
    public static final String SIGNER = "device-link";

    /** What the certificate-choice step offers the person: scan the QR code, or tap the Web2App link. */
    private static final Set<String> CHOICE_FLOWS = Set.of("QR", "Web2App");
    /**
     * The linked signature runs on the phone that scanned; which flowType the service reports for it
     * is not documented (reference §16), so the choice's flows count as offered too.
     */
    private static final Set<String> LINKED_FLOWS = Set.of("Notification", "QR", "Web2App");

    private static final Set<String> NOTIFICATION_FLOWS = Set.of("Notification");
    private static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.RSA_SSA_PSS_SHA256_MGF1;

    /** What follows a completed OK certificate choice. */
    public sealed interface Next {
        /** The linked signature runs: publish this second {@code SignatureRequested}. */
        record Linked(SignatureRequested requested) implements Next {}

        record Failed(FailureReason reason, String message) implements Next {}
    }

    private final SmartIdClient client;
    private final ResponseVerifier verifier;
    private final DssSignatures signatures;
    private final Retry retry;
    private final ChoiceSessions choices;
    private final URI callbackUrl;
    private final Clock clock;
    private final Duration sessionTimeout;
    private final SecureRandom random = new SecureRandom();

    public LinkedFlow(
            SmartIdClient client,
            ResponseVerifier verifier,
            DssSignatures signatures,
            Retry retry,
            ChoiceSessions choices,
            URI callbackUrl,
            Clock clock,
            Duration sessionTimeout) {
        this.client = client;
        this.verifier = verifier;
        this.signatures = signatures;
        this.retry = retry;
        this.choices = choices;
        this.callbackUrl = callbackUrl;
        this.clock = clock;
        this.sessionTimeout = sessionTimeout;
    }

    public static boolean asksForDeviceLink(HashComputed document) {
        return SIGNER.equals(document.signer().identity());
    }

    /** The flow types a completed session of this event may report. */
    public static Set<String> offeredFlows(SignatureRequested requested) {
        if (requested.certificateChoice() == null) {
            return NOTIFICATION_FLOWS;
        }
        return requested.awaitsCertificateChoice() ? CHOICE_FLOWS : LINKED_FLOWS;
    }

    /**
     * Starts the anonymous device-link certificate choice; its secret stays in {@link
     * ChoiceSessions}. The signing date is fixed now, the document's {@code computedAt}, as for
     * notification signatures.
     *
     * @throws SmartIdCallException when the service stays unavailable after the retries (transient)
     */
    public SigningOutcome start(HashComputed document) {
        String callback = callbackUrl == null ? null : uniqueCallback();
        try {
            SmartIdClient.DeviceLinkSession session =
                    retry.executeSupplier(() -> client.anonymousCertificateChoice(callback, nonce(document)));
            Instant receivedAt = clock.instant();
            choices.open(document.documentId(), session, receivedAt, callback);
            return new SigningOutcome.Requested(
                    document,
                    null,
                    null,
                    new RemoteSession(session.sessionId(), null, null, receivedAt.plus(sessionTimeout)),
                    receivedAt,
                    new CertificateChoice(
                            document.format(),
                            document.level(),
                            // as DssParameters will carry it: CAdES signing-time has whole seconds
                            document.computedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            session.sessionId()));
        } catch (SmartIdCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            return new SigningOutcome.Failed(document, SmartIdSigner.reasonFor(e), e.getMessage());
        } catch (SmartIdResponseException e) {
            return new SigningOutcome.Failed(document, FailureReason.SIGNER_UNAVAILABLE, e.getMessage());
        }
    }

    /**
     * The certificate choice ended. Not OK: the document fails with the person's (or the app's)
     * answer. OK: checks the certificate, builds the data to
     * be signed with it and starts the linked signature.
     *
     * @throws SmartIdCallException when the service is unavailable (transient): call again later
     */
    public Next chosen(SignatureRequested choice, SessionStatus status) {
        if (!"OK".equals(status.endResult())) {
            choices.close(choice.documentId());
            String message = EndResults.messageFor(status.endResult(), status.interaction());
            if ("PROTOCOL_FAILURE".equals(status.endResult())) {
                message += ": the Smart-ID app rejected the scanned device link (its authCode does not match:"
                        + " a tampered or wrongly built link)";
            }
            return new Next.Failed(EndResults.reasonFor(status.endResult()), message);
        }
        CertificateChoice context = choice.certificateChoice();
        String documentNumber = status.documentNumber();
        try {
            if (status.flowType() == null || !CHOICE_FLOWS.contains(status.flowType())) {
                throw new SmartIdResponseException(
                        SmartIdResponseException.Check.PROTOCOL, "flowType " + status.flowType() + " was not offered");
            }
            if (documentNumber == null || status.certificate() == null) {
                throw new SmartIdResponseException(
                        SmartIdResponseException.Check.PROTOCOL, "the choice has no documentNumber or cert");
            }
            X509Certificate certificate = certificate(status.certificate());
            verifier.checkCertificate(certificate, status.certificateLevel(), documentNumber);
            if (context.format() == SignatureFormat.PADES) {
                // The choice does not carry hash-service's PDF revision (ADR 18).
                return new Next.Failed(
                        FailureReason.INVALID_DOCUMENT,
                        "PADES is not supported when the person chooses the certificate first; sign with a"
                                + " document number");
            }
            SignatureParameters parameters = DssParameters.describe(
                    context.format(),
                    context.level(),
                    ALGORITHM,
                    context.signingDate(),
                    new CertificateToken(certificate),
                    verifier.issuers(certificate).stream()
                            .map(CertificateToken::new)
                            .toList());
            byte[] digest;
            try {
                digest = sha256(signatures
                        .dataToSign(parameters, choice.files(), choice.manifest())
                        .getBytes());
            } catch (RuntimeException e) {
                return new Next.Failed(
                        FailureReason.INVALID_DOCUMENT, "cannot build the data to sign: " + e.getMessage());
            }
            Instant requestedAt = clock.instant();
            String linkedId = retry.executeSupplier(() ->
                    client.linkedSignature(documentNumber, context.choiceSessionId(), digest, HashAlgorithm.SHA_256));
            choices.close(choice.documentId());
            return new Next.Linked(new SignatureRequested(
                    SignatureRequested.SCHEMA_VERSION,
                    choice.documentId(),
                    choice.batchId(),
                    choice.tenantId(),
                    choice.clientReference(),
                    new SignerRef(Provider.SMARTID, documentNumber),
                    choice.files(),
                    choice.manifest(),
                    parameters,
                    digest,
                    new RemoteSession(linkedId, null, null, requestedAt.plus(sessionTimeout)),
                    requestedAt,
                    context,
                    null));
        } catch (SmartIdCallException e) {
            if (e.isTransient()) {
                throw e;
            }
            choices.close(choice.documentId());
            return new Next.Failed(SmartIdSigner.reasonFor(e), "linked signature: " + e.getMessage());
        } catch (SmartIdResponseException e) {
            choices.close(choice.documentId());
            return new Next.Failed(
                    e.check() == SmartIdResponseException.Check.CERTIFICATE
                            ? FailureReason.CERTIFICATE_INVALID
                            : FailureReason.SIGNER_UNAVAILABLE,
                    e.getMessage());
        }
    }

    /**
     * One session per document: anonymous choices have identical bodies, so without a nonce the
     * service would hand two documents started within 15 s the same session. Derived from the
     * document id, so a redelivered record within that window still gets its own session back.
     */
    static String nonce(HashComputed document) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sha256(document.documentId().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .substring(0, 30);
    }

    // The RP adds its own random value to the callback of every session (reference §9).
    private String uniqueCallback() {
        byte[] value = new byte[16];
        random.nextBytes(value);
        String base = callbackUrl.toString();
        return base + (base.contains("?") ? "&" : "?") + "value="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new SmartIdResponseException(SmartIdResponseException.Check.CERTIFICATE, "unreadable certificate");
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
