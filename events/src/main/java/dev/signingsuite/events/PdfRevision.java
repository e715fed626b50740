package dev.signingsuite.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The PDF revision a PAdES signature will complete, as hash-service prepared it from the document's
 * bytes (DSS's external-CMS flow): the signature dictionary's signing time and the message digest
 * of the revision's signed byte ranges. The provider signs CMS attributes over this digest only, so
 * it never sees the document; augmentation-service prepares the same revision again from the stored
 * PDF with the same signing time and embeds the CMS, which DSS refuses if the digests differ.
 *
 * @param signingDate the signing time written into the revision ({@code /M}), whole seconds; every
 *     later step reuses it as the signature's signing date
 * @param digestAlgorithm DSS {@code DigestAlgorithm} name of {@code messageDigest}, e.g. {@code
 *     SHA256}
 * @param messageDigest the digest of the prepared revision's byte ranges (base64 in JSON)
 * @param visibleSeal the seal drawn into the revision; null (absent in JSON) for an invisible one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PdfRevision(Instant signingDate, String digestAlgorithm, byte[] messageDigest, VisibleSeal visibleSeal) {

    /** An invisible signature's revision. */
    public PdfRevision(Instant signingDate, String digestAlgorithm, byte[] messageDigest) {
        this(signingDate, digestAlgorithm, messageDigest, null);
    }

    public PdfRevision {
        Checks.notNull(signingDate, "signingDate");
        if (signingDate.getNano() != 0) {
            throw new IllegalArgumentException("signingDate must be whole seconds: a PDF date has no fraction");
        }
        Checks.notBlank(digestAlgorithm, "digestAlgorithm");
        Checks.notEmpty(messageDigest, "messageDigest");
    }
}
