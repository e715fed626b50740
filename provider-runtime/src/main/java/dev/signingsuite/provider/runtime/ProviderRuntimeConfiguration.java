package dev.signingsuite.provider.runtime;

import dev.signingsuite.events.Topics;
import dev.signingsuite.messaging.EventMessages;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The runtime around a provider's {@link RemoteSigner} bean: import it beside the provider's
 * configuration (which also supplies a {@link Clock}). Binds {@code hashComputed} (batch mode,
 * manual acknowledgement) and writes through the output bindings {@code signatureRequested}, {@code
 * signatureReturned}, {@code documentFailed} and {@code deadLetters}; see docs/adding-a-provider.md
 * for the yml.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BinderBrokers.class, ParkingProperties.class})
public class ProviderRuntimeConfiguration {

    @Bean(destroyMethod = "close")
    KafkaSigningIntents signingIntents(BinderBrokers brokers, Topics topics, RemoteSigner signer) {
        return new KafkaSigningIntents(
                brokers.bootstrapServers(), topics.signingIntents(), "provider-" + signer.name());
    }

    @Bean(destroyMethod = "close")
    CancelledBatches cancelledBatches(BinderBrokers brokers, Topics topics, RemoteSigner signer) {
        return new CancelledBatches(brokers.bootstrapServers(), topics.batchCancelled(), "provider-" + signer.name());
    }

    @Bean
    DataToSign dataToSign() {
        return new DataToSign();
    }

    @Bean
    ProviderOutbound providerOutbound(StreamBridge bridge, EventMessages messages, Clock clock) {
        return new ProviderOutbound(bridge, messages, clock);
    }

    @Bean
    BatchSigning batchSigning(
            RemoteSigner signer,
            DataToSign dataToSign,
            Clock clock,
            MeterRegistry meters,
            KafkaSigningIntents signingIntents,
            CancelledBatches cancelledBatches) {
        return new BatchSigning(signer, dataToSign, clock, meters, signingIntents, cancelledBatches.lookup());
    }

    @Bean
    ProviderRuntime providerRuntime(
            RemoteSigner signer,
            ProviderOutbound outbound,
            DataToSign dataToSign,
            KafkaSigningIntents signingIntents,
            Clock clock) {
        return new ProviderRuntime(signer.name(), outbound, dataToSign, signingIntents, clock);
    }

    @Bean
    Stopping providerStopping() {
        return new Stopping();
    }

    @Bean
    Consumer<Message<List<byte[]>>> hashComputed(
            RemoteSigner signer,
            BatchSigning batchSigning,
            ProviderOutbound outbound,
            MeterRegistry meters,
            Stopping providerStopping,
            ParkingProperties parking,
            Clock clock) {
        return new ProviderBatches(
                signer, batchSigning, outbound, meters, providerStopping, new Parking(parking, clock, meters));
    }
}
