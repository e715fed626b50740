package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who signs: a provider and the identity the provider knows the signer by. Every stage routes and
 * authorises on this pair, so it travels in every event up to the signature.
 *
 * @param provider the remote signing service
 * @param identity Smart-ID document number or ETSI semantics identifier ({@code PNOEE-…}),
 *     eParaksts sign-identity label, or CSC credentialID
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignerRef(Provider provider, String identity) {

    public SignerRef {
        Checks.notNull(provider, "provider");
        Checks.notBlank(identity, "identity");
    }
}
