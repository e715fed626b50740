package dev.signingsuite.hash.digest;

import dev.signingsuite.events.SignerRef;
import dev.signingsuite.events.VisibleSeal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The visible PAdES seal of each signer that has one configured: the organisation's name and the
 * signing date in a box on a page. Set here because the box is drawn into the revision hash-service
 * prepares, before any provider has looked up the signer's certificate (ADR 18), so the name is the
 * configured one, not the certificate's O.
 */
public final class VisibleSeals {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** Where and what: the organisation shown, and the box in PDF points from the page's top left. */
    public record Placement(String organisation, int page, float x, float y, float width, float height) {}

    public static final VisibleSeals NONE = new VisibleSeals(Map.of());

    private final Map<String, Placement> bySignerIdentity;

    public VisibleSeals(Map<String, Placement> bySignerIdentity) {
        this.bySignerIdentity = Map.copyOf(bySignerIdentity);
    }

    /** The seal drawn for {@code signer} at {@code signingDate}; null when it signs invisibly. */
    public VisibleSeal forSigner(SignerRef signer, Instant signingDate) {
        Placement placement = bySignerIdentity.get(signer.identity());
        if (placement == null) {
            return null;
        }
        return new VisibleSeal(
                "Sealed by " + placement.organisation() + "\n" + DATE.format(signingDate),
                placement.page(),
                placement.x(),
                placement.y(),
                placement.width(),
                placement.height());
    }
}
