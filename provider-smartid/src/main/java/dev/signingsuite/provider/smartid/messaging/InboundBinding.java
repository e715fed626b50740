package dev.signingsuite.provider.smartid.messaging;

import dev.signingsuite.events.HashComputed;
import dev.signingsuite.events.Provider;
import dev.signingsuite.events.SignatureRequested;
import dev.signingsuite.messaging.ContainerCustomization;
import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.InboundEnvelope;
import dev.signingsuite.provider.smartid.client.ResponseVerifier;
import dev.signingsuite.provider.smartid.client.SmartIdClient;
import dev.signingsuite.provider.smartid.signing.SessionStarter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The bindings {@code hashComputed-in-0} (starts sessions) and {@code pollSessions-in-0} (the
 * poller, its own consumer group, manual out-of-order acknowledgements); see {@code
 * provider-smartid.yml}.
 */
@Configuration(proxyBeanMethods = false)
class InboundBinding {

    static final String POLLER_GROUP = "provider-smartid-poller";

    @Bean
    SmartIdOutbound smartIdOutbound(StreamBridge bridge, EventMessages messages, Clock clock) {
        return new SmartIdOutbound(bridge, messages, clock);
    }

    @Bean
    Consumer<Message<HashComputed>> hashComputed(
            SessionStarter starter, SmartIdOutbound outbound, MeterRegistry meters) {
        return new HashComputedStage(starter, outbound, meters);
    }

    @Bean(destroyMethod = "close")
    SessionPoller sessionPoller(
            SmartIdClient client,
            ResponseVerifier verifier,
            SmartIdOutbound outbound,
            Clock clock,
            MeterRegistry meters) {
        return new SessionPoller(
                client,
                verifier,
                outbound,
                clock,
                Executors.newFixedThreadPool(2, daemon("smartid-poller")),
                Executors.newSingleThreadScheduledExecutor(daemon("smartid-poller-timer")),
                meters);
    }

    /** Every provider writes SignatureRequested; this poller takes the Smart-ID sessions among them. */
    @Bean
    Consumer<Message<SignatureRequested>> pollSessions(SessionPoller poller) {
        return message -> {
            SignatureRequested requested = message.getPayload();
            InboundEnvelope envelope = InboundEnvelope.of(message);
            envelope.requireDescribes(requested);
            Acknowledgment ack = message.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
            Runnable acknowledge = ack == null ? () -> {} : ack::acknowledge;
            if (requested.signer().provider() != Provider.SMARTID || requested.session() == null) {
                acknowledge.run();
                return;
            }
            poller.track(requested, envelope, acknowledge);
        };
    }

    /** Out-of-order acknowledgements for the poller: offsets are committed only without gaps. */
    @Bean
    ContainerCustomization pollerAcks() {
        return (container, destination, group) -> {
            if (POLLER_GROUP.equals(group)) {
                container.getContainerProperties().setAsyncAcks(true);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
