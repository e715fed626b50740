package dev.signingsuite.provider.onetime.messaging;

import dev.signingsuite.provider.runtime.ProviderRuntimeConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * One-time signing behind the provider runtime's port: the runtime binds {@code hashComputed-in-0}
 * (batch mode, manual acknowledgement, see {@code provider-onetime.yml}) and writes the output
 * bindings; the port is {@code OnetimeConfiguration}'s {@code OneTimeSigner}.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProviderRuntimeConfiguration.class)
class InboundBinding {}
