package dev.signingsuite.provider.eparaksts.messaging;

import dev.signingsuite.provider.eparaksts.approval.SealApprovals;
import dev.signingsuite.provider.eparaksts.authorisation.SealAuthorisation;
import dev.signingsuite.provider.eparaksts.client.EparakstsClient;
import dev.signingsuite.provider.eparaksts.client.EparakstsProperties;
import dev.signingsuite.provider.eparaksts.signing.IssuerChain;
import dev.signingsuite.provider.eparaksts.signing.SealSigner;
import dev.signingsuite.provider.runtime.DataToSign;
import dev.signingsuite.provider.runtime.ProviderRuntimeConfiguration;
import dev.signingsuite.provider.runtime.RemoteSigner;
import dev.signingsuite.provider.runtime.approval.ApprovalGroups;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * eParaksts behind the provider runtime's port: the runtime binds {@code hashComputed-in-0} (batch
 * mode, manual acknowledgement, see {@code provider-eparaksts.yml}) and writes the output bindings.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProviderRuntimeConfiguration.class)
class InboundBinding {

    @Bean
    RemoteSigner sealSigner(
            EparakstsClient client,
            SealAuthorisation authorisation,
            SealApprovals approvals,
            ApprovalGroups<EparakstsClient.UserToken> groups,
            DataToSign dataToSign,
            Retry eparakstsRetry,
            Clock clock,
            EparakstsProperties properties) {
        return new SealSigner(
                client,
                authorisation,
                approvals,
                groups,
                dataToSign,
                eparakstsRetry,
                clock,
                IssuerChain.fromPem(properties.issuerCertificates()),
                properties.defaultSeal(),
                properties.waitForAuthorisation());
    }
}
