package dev.signingsuite.gateway;

import java.util.List;

/**
 * The tenants every gateway instance of the ITs is configured with, beside the demo tenant: {@link
 * RunningGateway}'s context and {@link SecondGateway}, whose start writes the configured tenants
 * again and must find the same ones (a property missing there once emptied the demo tenant's
 * callback hosts for the tests that ran after it). Constants, since an annotation takes only those.
 */
final class InstanceTenants {

    static final String OTHER_KEY = "signing.gateway.tenants.other.api-keys[0]=other-key";
    static final String OTHER_SIGNER_PROVIDER = "signing.gateway.tenants.other.signers[0].provider=csc";
    static final String OTHER_SIGNER_IDENTITY = "signing.gateway.tenants.other.signers[0].identity=other-seal";
    /** Digest signing's callback URLs may go there only (SignatureCallbackIT). */
    static final String DEMO_CALLBACK_HOST = "signing.gateway.tenants.demo.callback-hosts[0]=e-service.example";

    private InstanceTenants() {}

    /** As command-line arguments of another instance. */
    static List<String> arguments() {
        return List.of(OTHER_KEY, OTHER_SIGNER_PROVIDER, OTHER_SIGNER_IDENTITY, DEMO_CALLBACK_HOST).stream()
                .map(property -> "--" + property)
                .toList();
    }
}
