package dev.signingsuite.standalone.seal;

import dev.signingsuite.events.SignatureFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The format each file of a seal run is sealed in: one for every file, or {@link #AUTO}: a PDF in
 * PAdES (signed inside itself), anything else in ASiC-E with XAdES (what DigiDoc4 and eparaksts.lv
 * open). A PDF is what hash-service takes as one: a {@code %PDF-} header in the first KiB.
 *
 * @param fixed the format of every file; null for {@link #AUTO}
 */
public record FormatChoice(SignatureFormat fixed) {

    public static final FormatChoice AUTO = new FormatChoice(null);

    /** The words of {@code --format}, in the order the usage lists them. */
    public static final String WORDS = "asice-cades, asice-xades, pades, auto";

    private static final int HEADER_WINDOW = 1024;
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    public static FormatChoice of(SignatureFormat format) {
        if (format == null) {
            throw new IllegalArgumentException("a fixed format is named; use AUTO for none");
        }
        return new FormatChoice(format);
    }

    /** @throws IllegalArgumentException naming the words {@code --format} takes */
    public static FormatChoice parse(String word) {
        return switch (word == null ? "asice-cades" : word.toLowerCase(Locale.ROOT)) {
            case "asice-cades" -> of(SignatureFormat.ASIC_E_CADES);
            case "asice-xades" -> of(SignatureFormat.ASIC_E_XADES);
            case "pades" -> of(SignatureFormat.PADES);
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("--format must be one of " + WORDS + ", not " + word);
        };
    }

    public boolean auto() {
        return fixed == null;
    }

    /** The format {@code content} is sealed in. */
    public SignatureFormat formatOf(byte[] content) {
        if (fixed != null) {
            return fixed;
        }
        return isPdf(content) ? SignatureFormat.PADES : SignatureFormat.ASIC_E_XADES;
    }

    /** The sealed file's name: the signed PDF keeps the input's name, a container adds {@code .asice}. */
    public static String outputName(String inputName, SignatureFormat format) {
        return format == SignatureFormat.PADES ? inputName : inputName + ".asice";
    }

    static boolean isPdf(byte[] content) {
        int last = Math.min(content.length - PDF_HEADER.length, HEADER_WINDOW);
        for (int i = 0; i <= last; i++) {
            if (Arrays.equals(content, i, i + PDF_HEADER.length, PDF_HEADER, 0, PDF_HEADER.length)) {
                return true;
            }
        }
        return false;
    }
}
