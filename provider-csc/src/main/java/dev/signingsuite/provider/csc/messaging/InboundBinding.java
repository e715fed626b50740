package dev.signingsuite.provider.csc.messaging;

import dev.signingsuite.provider.csc.client.CscClient;
import dev.signingsuite.provider.csc.client.CscProperties;
import dev.signingsuite.provider.csc.signing.CredentialApprovals;
import dev.signingsuite.provider.csc.signing.CscSigner;
import dev.signingsuite.provider.runtime.DataToSign;
import dev.signingsuite.provider.runtime.ProviderRuntimeConfiguration;
import dev.signingsuite.provider.runtime.RemoteSigner;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * CSC behind the provider runtime's port: the runtime binds {@code hashComputed-in-0} (batch mode,
 * manual acknowledgement, see {@code provider-csc.yml}) and writes the output bindings.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProviderRuntimeConfiguration.class)
class InboundBinding {

    @Bean
    RemoteSigner cscSigner(
            CscClient client,
            Retry cscRetry,
            Clock clock,
            MeterRegistry meters,
            CscProperties properties,
            ObjectProvider<CredentialApprovals> approvals,
            DataToSign dataToSign) {
        return new CscSigner(client, cscRetry, clock, meters, properties, approvals.getIfAvailable(), dataToSign);
    }
}
