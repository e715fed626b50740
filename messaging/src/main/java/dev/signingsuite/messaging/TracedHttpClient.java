package dev.signingsuite.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.java11.instrument.binder.jdk.MicrometerHttpClient;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;

/**
 * A provider's JDK {@link HttpClient} with Micrometer's observation around every call: a client
 * span (its {@code traceparent} sent to the remote service) in the current trace, and the {@code
 * http.client.requests} timer. Calls made for one document (a Smart-ID session start) land in that
 * document's trace; a batch call for many documents is a span of the poll's own.
 */
public final class TracedHttpClient {

    private TracedHttpClient() {}

    public static HttpClient of(HttpClient client, MeterRegistry meters, ObservationRegistry observations) {
        return MicrometerHttpClient.instrumentationBuilder(client, meters)
                .observationRegistry(observations)
                .build();
    }
}
