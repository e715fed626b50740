package dev.signingsuite.provider.smartid.messaging;

import dev.signingsuite.messaging.ContainerCustomization;
import dev.signingsuite.provider.runtime.ProviderOutbound;
import dev.signingsuite.provider.runtime.ProviderRuntime;
import dev.signingsuite.provider.runtime.ProviderRuntimeConfiguration;
import dev.signingsuite.provider.runtime.RemoteSigner;
import dev.signingsuite.provider.smartid.client.ResponseVerifier;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.provider.smartid.client.SmartIdProperties;
import dev.signingsuite.provider.smartid.signing.LinkedFlow;
import dev.signingsuite.provider.smartid.signing.SmartIdSigner;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.messaging.Message;

/**
 * The bindings {@code hashComputed-in-0} (the provider runtime around {@link SmartIdSigner}, which
 * starts sessions) and {@code pollSessions-in-0} (the
 * poller, its own consumer group, manual acknowledgements committed by an {@link OffsetTracker});
 * see {@code provider-smartid.yml} and docs/adr/0005.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollerProperties.class)
@Import(ProviderRuntimeConfiguration.class)
class InboundBinding {

    static final String POLLER_GROUP = "provider-smartid-poller";

    /** Starts sessions; the runtime binds {@code hashComputed-in-0} around it. */
    @Bean
    RemoteSigner smartIdSigner(
            SmartIdClient client,
            ResponseVerifier verifier,
            LinkedFlow linkedFlow,
            Retry smartIdRetry,
            Clock clock,
            SmartIdProperties properties) {
        return new SmartIdSigner(
                client,
                verifier,
                linkedFlow,
                smartIdRetry,
                clock,
                properties.sessionTimeout(),
                properties.certificateReuse());
    }

    @Bean
    OffsetTracker<Acknowledgment> pollerOffsets() {
        return new OffsetTracker<>();
    }

    @Bean
    Backpressure pollerBackpressure(PollerProperties properties) {
        return new Backpressure(properties.maxOpenSessions());
    }

    @Bean(destroyMethod = "close")
    SessionPoller sessionPoller(
            SmartIdClient client,
            ResponseVerifier verifier,
            ProviderRuntime runtime,
            Clock clock,
            PollerProperties properties,
            Backpressure pollerBackpressure,
            MeterRegistry meters,
            LinkedFlow linkedFlow) {
        return new SessionPoller(
                client,
                verifier,
                runtime,
                clock,
                Executors.newFixedThreadPool(properties.threads(), daemon("smartid-poller")),
                Executors.newSingleThreadScheduledExecutor(daemon("smartid-poller-timer")),
                pollerBackpressure,
                meters,
                linkedFlow);
    }

    /** Every provider writes SignatureRequested; this poller takes the Smart-ID sessions among them. */
    @Bean
    Consumer<Message<byte[]>> pollSessions(
            SessionPoller poller, OffsetTracker<Acknowledgment> pollerOffsets, ProviderOutbound outbound) {
        return new SessionIntake(poller, pollerOffsets, outbound);
    }

    /** The poller's container: revocations reach the tracker, and the open-session bound can pause it. */
    @Bean
    ContainerCustomization pollerContainer(
            OffsetTracker<Acknowledgment> pollerOffsets, Backpressure pollerBackpressure) {
        return (container, destination, group) -> {
            if (POLLER_GROUP.equals(group)) {
                var properties = container.getContainerProperties();
                properties.setConsumerRebalanceListener(
                        new RebalanceTracking(pollerOffsets, properties.getConsumerRebalanceListener()));
                pollerBackpressure.container(container);
            }
        };
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
