package dev.signingsuite.provider.smartid.messaging;

import dev.signingsuite.events.FailureReason;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.provider.runtime.ProviderRuntime;
import dev.signingsuite.provider.smartid.client.HashAlgorithm;
import dev.signingsuite.provider.smartid.client.ResponseVerifier;
import dev.signingsuite.provider.smartid.client.SessionStatus;
import dev.signingsuite.provider.smartid.client.SmartIdCallException;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.provider.smartid.client.SmartIdResponseException;
import dev.signingsuite.provider.smartid.signing.EndResults;
import dev.signingsuite.provider.smartid.signing.LinkedFlow;
import dev.signingsuite.signature.DssParameters;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Waits for the people of open sessions without a thread each: every session is one asynchronous
 * long poll at a time, re-armed while RUNNING. A record's {@link Ticket} is finished only once the
 * session's outcome is on the broker, so after a restart the unfinished records are delivered again
 * and polling resumes where it stopped; nothing here starts a session.
 *
 * <p>One session is polled once however many records name it (a redelivered {@code HashComputed}
 * inside the service's idempotency window writes a second {@code SignatureRequested} with the same
 * session), and a record naming a session this instance has already ended is finished without a
 * second outcome. On shutdown it stops first (highest phase, before the bindings): no outcome is
 * published after that, the ones being published complete and are acknowledged, so a clean restart
 * publishes each outcome once.
 */
final class SessionPoller implements SmartLifecycle, AutoCloseable {

    /** One delivered record that waits for a session's outcome. */
    interface Ticket {
        /** The outcome is on the broker (or none is needed): the record may be committed. */
        void finished();

        /** False once the record's partition went to another instance. */
        boolean live();
    }

    private static final Logger log = LoggerFactory.getLogger(SessionPoller.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final int REMEMBERED_ENDINGS = 100_000;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final SmartIdClient client;
    private final ResponseVerifier verifier;
    private final ProviderRuntime runtime;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Backpressure backpressure;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger publishing = new AtomicInteger();
    private final MeterRegistry meters;
    // Guarded by itself: which sessions are polled, and which this instance has ended recently.
    private final Map<String, Tracked> sessions = new HashMap<>();
    private final Map<String, Instant> ended = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED_ENDINGS;
        }
    };
    private volatile boolean running;
    private volatile boolean closing;
    private final LinkedFlow linkedFlow;

    SessionPoller(
            SmartIdClient client,
            ResponseVerifier verifier,
            ProviderRuntime runtime,
            Clock clock,
            ExecutorService workers,
            ScheduledExecutorService timer,
            Backpressure backpressure,
            MeterRegistry meters,
            LinkedFlow linkedFlow) {
        this.linkedFlow = linkedFlow;
        this.client = client;
        this.verifier = verifier;
        this.runtime = runtime;
        this.clock = clock;
        this.workers = workers;
        this.timer = timer;
        this.backpressure = backpressure;
        this.meters = meters;
        meters.gauge("signing.provider.sessions.open", open);
    }

    /** Sessions being polled by this instance. */
    int open() {
        return open.get();
    }

    /** Polls the session until it ends, publishes the outcome once, then finishes every ticket naming it. */
    void track(SignatureRequested requested, InboundEnvelope envelope, Ticket ticket) {
        if (closing) {
            return; // left unfinished: delivered again after the restart
        }
        String sessionId = requested.session().sessionId();
        Tracked started = null;
        boolean alreadyEnded;
        synchronized (sessions) {
            alreadyEnded = ended.containsKey(sessionId);
            if (!alreadyEnded) {
                Tracked existing = sessions.get(sessionId);
                if (existing != null) {
                    existing.tickets.add(ticket);
                } else {
                    started = new Tracked(requested, envelope, ticket);
                    sessions.put(sessionId, started);
                }
            }
        }
        if (alreadyEnded) {
            log.debug("Smart-ID session {} already ended here; its outcome is on the broker", sessionId);
            ticket.finished();
        } else if (started != null) {
            backpressure.opened(open.incrementAndGet());
            poll(started);
        }
    }

    private static final class Tracked {
        final SignatureRequested requested;
        final InboundEnvelope envelope;
        final List<Ticket> tickets = new ArrayList<>(1); // guarded by the sessions map

        Tracked(SignatureRequested requested, InboundEnvelope envelope, Ticket first) {
            this.requested = requested;
            this.envelope = envelope;
            tickets.add(first);
        }

        String sessionId() {
            return requested.session().sessionId();
        }
    }

    private void poll(Tracked tracked) {
        if (closing) {
            return;
        }
        client.sessionStatus(tracked.sessionId())
                .whenCompleteAsync(
                        (status, error) -> {
                            if (!live(tracked)) {
                                forget(tracked);
                                return;
                            }
                            publishing.incrementAndGet();
                            try {
                                if (closing) {
                                    return; // nothing published: the record is delivered again after the restart
                                }
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
                                // Publishing failed: try again shortly, the record stays unfinished meanwhile.
                                log.warn("Smart-ID session {}: {}; retrying", tracked.sessionId(), e.getMessage());
                                retryLater(tracked);
                            } finally {
                                publishing.decrementAndGet();
                            }
                        },
                        workers);
    }

    private void retryLater(Tracked tracked) {
        try {
            timer.schedule(() -> poll(tracked), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Smart-ID session {} left for the next start", tracked.sessionId());
        }
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
            retryLater(tracked);
        }
    }

    private void completed(Tracked tracked, SessionStatus status) {
        SignatureRequested requested = tracked.requested;
        if (requested.awaitsCertificateChoice()) {
            certificateChosen(tracked, status);
            return;
        }
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
                    LinkedFlow.offeredFlows(requested),
                    client.interactions());
        } catch (SmartIdResponseException e) {
            finish(
                    tracked,
                    e.check() == SmartIdResponseException.Check.CERTIFICATE
                            ? FailureReason.CERTIFICATE_INVALID
                            : FailureReason.SIGNATURE_INVALID,
                    e.getMessage());
            return;
        }
        // The runtime checks the value against the certificate again, as it checks every provider's.
        done(tracked, runtime.returned(requested, status.signatureValue(), tracked.envelope));
    }

    // The device-link flow's certificate choice ended: LinkedFlow starts the linked signature, whose
    // own SignatureRequested this poller then tracks like any other; this record is done.
    private void certificateChosen(Tracked tracked, SessionStatus status) {
        LinkedFlow.Next next = linkedFlow.chosen(tracked.requested, status);
        if (next instanceof LinkedFlow.Next.Linked linked) {
            runtime.requested(linked.requested(), tracked.envelope);
            done(tracked, "linked");
        } else if (next instanceof LinkedFlow.Next.Failed failed) {
            finish(tracked, failed.reason(), failed.message());
        }
    }

    private void finish(Tracked tracked, FailureReason reason, String message) {
        runtime.failed(tracked.requested, reason, message, tracked.envelope);
        done(tracked, "failed");
    }

    private void done(Tracked tracked, String outcome) {
        List<Ticket> tickets;
        synchronized (sessions) {
            sessions.remove(tracked.sessionId());
            ended.put(tracked.sessionId(), clock.instant());
            tickets = List.copyOf(tracked.tickets);
        }
        tickets.forEach(Ticket::finished);
        backpressure.ended(open.decrementAndGet());
        meters.counter("signing.documents", "stage", "provider-poller", "outcome", outcome)
                .increment();
    }

    private boolean live(Tracked tracked) {
        synchronized (sessions) {
            return tracked.tickets.stream().anyMatch(Ticket::live);
        }
    }

    // Its partitions went elsewhere: the new owner polls the session; nothing is published here.
    private void forget(Tracked tracked) {
        boolean removed;
        synchronized (sessions) {
            removed = sessions.remove(tracked.sessionId(), tracked);
        }
        if (removed) {
            backpressure.ended(open.decrementAndGet());
        }
    }

    private boolean expired(Tracked tracked) {
        var expiresAt = tracked.requested.session().expiresAt();
        return expiresAt != null && clock.instant().isAfter(expiresAt);
    }

    @Override
    public void start() {
        closing = false;
        running = true;
    }

    /** Publishes nothing more; waits for the outcomes being published, so that their records are acknowledged. */
    @Override
    public void stop() {
        closing = true;
        running = false;
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        while (publishing.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the bindings (which stop at a lower phase): their consumers then commit what ended. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
