package dev.signingsuite.provider.onetime.timing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * Whether the TSA that augmentation-service will ask for the signature timestamp answers now: an
 * RFC 3161 request for a random digest to each configured TSA in turn (augmentation-service's
 * failover order), the first granted answer counting for {@code fresh}. One-time signing asks this
 * before a key is generated and before each group is signed, because a document whose timestamp is
 * parked past its certificate's notAfter can never be completed (ADR 20). Thread-safe.
 */
public final class TsaProbe implements TimestampAvailability {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<URI> tsas;
    private final Duration fresh;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private volatile Instant answeredAt;

    public TsaProbe(List<URI> tsas, Duration fresh, Duration timeout, Clock clock) {
        if (tsas.isEmpty()) {
            throw new IllegalArgumentException("no TSA to probe");
        }
        this.tsas = List.copyOf(tsas);
        this.fresh = fresh;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void requireAvailable() {
        Instant now = clock.instant();
        Instant last = answeredAt;
        if (last != null && !now.isAfter(last.plus(fresh))) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (URI tsa : tsas) {
            String problem = ask(tsa);
            if (problem == null) {
                answeredAt = now;
                return;
            }
            problems.add(tsa + ": " + problem);
        }
        throw new TimestampUnavailable("no TSA answers (" + String.join("; ", problems)
                + "): no one-time signing starts, since its timestamp could come after the certificate ended");
    }

    /** Null when the TSA granted a timestamp, or what went wrong. */
    private String ask(URI tsa) {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(false);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, digest);
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(tsa)
                            .timeout(timeout)
                            .header("Content-Type", "application/timestamp-query")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode();
            }
            TimeStampResponse answer = new TimeStampResponse(response.body());
            answer.validate(request);
            return answer.getTimeStampToken() == null ? "no timestamp granted: " + answer.getStatusString() : null;
        } catch (IOException | TSPException | RuntimeException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
