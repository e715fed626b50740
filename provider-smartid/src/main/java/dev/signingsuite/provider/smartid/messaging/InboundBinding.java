package dev.signingsuite.provider.smartid.messaging;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.messaging.ContainerCustomization;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.provider.smartid.client.ResponseVerifier;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.provider.smartid.signing.LinkedFlow;
import dev.signingsuite.provider.smartid.signing.SessionStarter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.messaging.Message;

/**
 * The bindings {@code hashComputed-in-0} (starts sessions) and {@code pollSessions-in-0} (the
 * poller, its own consumer group, manual acknowledgements committed by an {@link OffsetTracker});
 * see {@code provider-smartid.yml} and docs/adr/0005.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollerProperties.class)
class InboundBinding {

    static final String POLLER_GROUP = "provider-smartid-poller";

    @Bean
    SmartIdOutbound smartIdOutbound(StreamBridge bridge, EventMessages messages, Clock clock) {
        return new SmartIdOutbound(bridge, messages, clock);
    }

    @Bean
    Consumer<Message<HashComputed>> hashComputed(
            SessionStarter starter, LinkedFlow linkedFlow, SmartIdOutbound outbound, MeterRegistry meters) {
        return new HashComputedStage(starter, linkedFlow, outbound, meters);
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
            SmartIdOutbound outbound,
            Clock clock,
            PollerProperties properties,
            Backpressure pollerBackpressure,
            MeterRegistry meters,
            LinkedFlow linkedFlow) {
        return new SessionPoller(
                client,
                verifier,
                outbound,
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
            SessionPoller poller, OffsetTracker<Acknowledgment> pollerOffsets, StreamBridge bridge) {
        return new SessionIntake(poller, pollerOffsets, bridge);
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
