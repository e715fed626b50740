package dev.signingsuite.gateway.api;

import dev.signingsuite.events.SignerRef;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The page a person opens to take part in a document's signature, for callers outside this package
 * (digest signing's {@code redirectUrl}): the same capability link {@code GET /v1/documents/{id}}
 * shows, not a second mechanism.
 */
@Component
public class PersonPages {

    private final PersonLinks links;

    PersonPages(PersonLinks links) {
        this.links = links;
    }

    /** The person's page for a document of {@code provider}; empty where no person acts in the browser. */
    public Optional<String> page(String tenantId, String documentId, SignerRef signer) {
        return links.page(signer, tenantId, documentId);
    }
}
