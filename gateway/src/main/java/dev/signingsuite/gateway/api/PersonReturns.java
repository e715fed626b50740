package dev.signingsuite.gateway.api;

import dev.signingsuite.gateway.status.DocumentRecord;
import java.net.URI;
import java.util.Optional;

/**
 * Where a person page sends the browser once the person's part of a document has ended, for callers
 * outside this package (digest signing's {@code callbackUrl}). The page asks; it never takes an
 * address from the request, so it cannot be made an open redirect.
 */
public interface PersonReturns {

    /** @return the address to send the browser to, for a document that reached a terminal status */
    Optional<URI> returnTo(DocumentRecord finished);
}
