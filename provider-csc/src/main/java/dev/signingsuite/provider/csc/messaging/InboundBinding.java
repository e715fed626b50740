package dev.signingsuite.provider.csc.messaging;

import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.batch.ProviderOutbound;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.csc.signing.BatchSigner;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The binding {@code hashComputed-in-0} (batch mode, see {@code provider-csc.yml}) and the output
 * bindings the stage writes through.
 */
@Configuration(proxyBeanMethods = false)
class InboundBinding {

    @Bean
    ProviderOutbound cscOutbound(StreamBridge bridge, EventMessages messages, Clock clock) {
        return new ProviderOutbound(bridge, messages, clock);
    }

    @Bean
    Consumer<Message<List<byte[]>>> hashComputed(
            BatchSigner signer, ProviderOutbound outbound, MeterRegistry meters, CscProperties properties) {
        return new HashComputedBatches(signer, outbound, meters, properties.approvalRecheck());
    }
}
