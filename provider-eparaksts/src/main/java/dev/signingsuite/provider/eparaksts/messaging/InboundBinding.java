package dev.signingsuite.provider.eparaksts.messaging;

import dev.signingsuite.messaging.EventMessages;
import dev.signingsuite.messaging.batch.ProviderOutbound;
import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import dev.signingsuite.provider.eparaksts.signing.SealSigner;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The binding {@code hashComputed-in-0} (batch mode, manual acknowledgement, see {@code
 * provider-eparaksts.yml}) and the output bindings the stage writes through.
 */
@Configuration(proxyBeanMethods = false)
class InboundBinding {

    @Bean
    ProviderOutbound sealOutbound(StreamBridge bridge, EventMessages messages, Clock clock) {
        return new ProviderOutbound(bridge, messages, clock);
    }

    @Bean
    Consumer<Message<List<byte[]>>> hashComputed(
            SealSigner signer, ProviderOutbound outbound, MeterRegistry meters, EparakstsProperties properties) {
        return new HashComputedBatches(signer, outbound, meters, properties.waitForAuthorisation());
    }
}
