package dev.signingsuite.events;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Rules for data file names. A name becomes a ZIP entry name inside an ASiC container, so it must
 * not traverse paths, hide in {@code META-INF/}, replace the {@code mimetype} entry or carry
 * control characters that fool a person reading a listing.
 */
public final class FileNames {

    /** The longest name accepted, in UTF-8 bytes (the limit of most file systems and ZIP tools). */
    public static final int MAX_UTF8_BYTES = 255;

    /**
     * The longest suffix a later stage appends to a data file's name: container-service names a
     * container after its only file, {@code <name>.asice}, and the seal command writes it so.
     */
    public static final String LONGEST_SUFFIX = ".asice";

    /**
     * The longest data file name an intake accepts, in UTF-8 bytes: what is left of {@link
     * #MAX_UTF8_BYTES} once {@link #LONGEST_SUFFIX} is appended. A longer name would pass the gateway
     * and fail only at the container, after the document was signed.
     */
    public static final int MAX_INTAKE_UTF8_BYTES =
            MAX_UTF8_BYTES - LONGEST_SUFFIX.getBytes(StandardCharsets.UTF_8).length;

    private FileNames() {}

    /**
     * Returns {@code name} if it is safe as a data file's name and leaves room for every name a later
     * stage derives from it ({@link #MAX_INTAKE_UTF8_BYTES}): the check of both intakes.
     *
     * @throws IllegalArgumentException saying what is wrong with the name
     */
    public static String requireAtIntake(String name) {
        requireSafe(name);
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_INTAKE_UTF8_BYTES) {
            throw new IllegalArgumentException("file name must be at most " + MAX_INTAKE_UTF8_BYTES
                    + " UTF-8 bytes, so that " + LONGEST_SUFFIX + " still fits in " + MAX_UTF8_BYTES);
        }
        return name;
    }

    /**
     * Returns {@code name} if it is safe as a ZIP entry name of a data file.
     *
     * @throws IllegalArgumentException saying what is wrong with the name
     */
    public static String requireSafe(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("file name is required and must not be blank");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw new IllegalArgumentException("file name must be at most " + MAX_UTF8_BYTES + " UTF-8 bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "file name must not contain control characters (found U+%04X at index %d)"
                                .formatted((int) c, i));
            }
            if (c == '\\') {
                throw new IllegalArgumentException("file name must not contain a backslash");
            }
        }
        if (name.startsWith("/")) {
            throw new IllegalArgumentException("file name must not start with '/'");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("file name must not contain empty path segments");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("file name must not contain '.' or '..' path segments");
            }
        }
        if (name.toUpperCase(Locale.ROOT).startsWith("META-INF/")) {
            throw new IllegalArgumentException("file name must not start with META-INF/ (reserved by ASiC)");
        }
        if (name.equalsIgnoreCase("mimetype")) {
            throw new IllegalArgumentException("file name must not be 'mimetype' (reserved by ASiC)");
        }
        return name;
    }
}
