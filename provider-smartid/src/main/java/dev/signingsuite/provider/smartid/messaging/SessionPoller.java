package dev.signingsuite.provider.smartid.messaging;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.provider.smartid.client.HashAlgorithm;
import dev.signingsuite.provider.smartid.client.ResponseVerifier;
import dev.signingsuite.provider.smartid.client.SessionStatus;
import dev.signingsuite.provider.smartid.client.SmartIdCallException;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.provider.smartid.client.SmartIdResponseException;
import dev.signingsuite.provider.smartid.signing.EndResults;
import dev.signingsuite.signature.DssParameters;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the people of open sessions without a thread each: every session is one asynchronous
 * long poll at a time, re-armed while RUNNING. Its {@code SignatureRequested} record is
 * acknowledged only once the outcome is on the broker, so after a restart the uncommitted records
 * are delivered again and polling resumes where it stopped; nothing here starts a session.
 */
final class SessionPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionPoller.class);
    private static final Set<String> OFFERED_FLOWS = Set.of("Notification");
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final SmartIdClient client;
    private final ResponseVerifier verifier;
    private final SmartIdOutbound outbound;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final AtomicInteger open = new AtomicInteger();
    private final MeterRegistry meters;

    SessionPoller(
            SmartIdClient client,
            ResponseVerifier verifier,
            SmartIdOutbound outbound,
            Clock clock,
            ExecutorService workers,
            ScheduledExecutorService timer,
            MeterRegistry meters) {
        this.client = client;
        this.verifier = verifier;
        this.outbound = outbound;
        this.clock = clock;
        this.workers = workers;
        this.timer = timer;
        this.meters = meters;
        meters.gauge("signing.provider.sessions.open", open);
    }

    int open() {
        return open.get();
    }

    /** Polls the session until it ends, publishes the outcome, then runs {@code acknowledge}. */
    void track(SignatureRequested requested, InboundEnvelope envelope, Runnable acknowledge) {
        open.incrementAndGet();
        poll(new Tracked(requested, envelope, acknowledge));
    }

    private record Tracked(SignatureRequested requested, InboundEnvelope envelope, Runnable acknowledge) {
        String sessionId() {
            return requested.session().sessionId();
        }
    }

    private void poll(Tracked tracked) {
        client.sessionStatus(tracked.sessionId())
                .whenCompleteAsync(
                        (status, error) -> {
                            try {
                                if (error != null) {
                                    failedPoll(
                                            tracked, error instanceof CompletionException ? error.getCause() : error);
                                } else if (status.running()) {
                                    if (expired(tracked)) {
                                        finish(
                                                tracked,
                                                FailureReason.TIMEOUT,
                                                "the person did not answer before the session expired");
                                    } else {
                                        poll(tracked);
                                    }
                                } else {
                                    completed(tracked, status);
                                }
                            } catch (RuntimeException e) {
                                // Publishing failed: try again shortly, the record stays unacknowledged meanwhile.
                                log.warn("Smart-ID session {}: {}; retrying", tracked.sessionId(), e.getMessage());
                                timer.schedule(() -> poll(tracked), RETRY.toMillis(), TimeUnit.MILLISECONDS);
                            }
                        },
                        workers);
    }

    private void failedPoll(Tracked tracked, Throwable error) {
        if (error instanceof SmartIdCallException call && call.isNotFound()) {
            finish(tracked, FailureReason.TIMEOUT, "Smart-ID no longer knows the session (expired)");
        } else if (error instanceof SmartIdCallException call && !call.isTransient()) {
            finish(tracked, FailureReason.SIGNER_UNAVAILABLE, call.getMessage());
        } else if (error instanceof SmartIdResponseException response) {
            finish(tracked, FailureReason.SIGNER_UNAVAILABLE, response.getMessage());
        } else if (expired(tracked)) {
            finish(tracked, FailureReason.SIGNER_UNAVAILABLE, "Smart-ID unreachable until the session expired");
        } else {
            log.debug("Smart-ID session {} poll failed: {}", tracked.sessionId(), error.getMessage());
            timer.schedule(() -> poll(tracked), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void completed(Tracked tracked, SessionStatus status) {
        SignatureRequested requested = tracked.requested();
        if (!"OK".equals(status.endResult())) {
            finish(
                    tracked,
                    EndResults.reasonFor(status.endResult()),
                    EndResults.messageFor(status.endResult(), status.interaction()));
            return;
        }
        X509Certificate certificate;
        try {
            certificate = DssParameters.certificate(requested.parameters().signingCertificate())
                    .getCertificate();
            verifier.checkSignature(
                    status,
                    requested.signer().identity(),
                    certificate,
                    requested.dataToSignDigest(),
                    HashAlgorithm.SHA_256,
                    OFFERED_FLOWS);
        } catch (SmartIdResponseException e) {
            finish(
                    tracked,
                    e.check() == SmartIdResponseException.Check.CERTIFICATE
                            ? FailureReason.CERTIFICATE_INVALID
                            : FailureReason.SIGNATURE_INVALID,
                    e.getMessage());
            return;
        }
        outbound.returned(requested, status.signatureValue(), tracked.envelope());
        done(tracked, "signed");
    }

    private void finish(Tracked tracked, FailureReason reason, String message) {
        outbound.failed(tracked.requested(), reason, message, tracked.envelope());
        log.info("Document {} failed: {} {}", tracked.requested().documentId(), reason, message);
        done(tracked, "failed");
    }

    private void done(Tracked tracked, String outcome) {
        tracked.acknowledge().run();
        open.decrementAndGet();
        meters.counter("signing.documents", "stage", "provider-poller", "outcome", outcome)
                .increment();
    }

    private boolean expired(Tracked tracked) {
        var expiresAt = tracked.requested().session().expiresAt();
        return expiresAt != null && clock.instant().isAfter(expiresAt);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
