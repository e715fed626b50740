package dev.signingsuite.gateway.intake;

/**
 * What a person reads in a file listing must be what the name is: a right-to-left override turns
 * {@code invoice\u202Egpj.exe} into "invoiceexe.jpg" on screen, and zero-width or other format
 * characters make two names look alike. A name decoded from invalid UTF-8 carries U+FFFD (or a lone
 * surrogate) where its bytes were: the name the client meant is unknown, so it is refused too.
 */
final class VisibleNames {

    private static final int REPLACEMENT = 0xFFFD;

    private VisibleNames() {}

    /** @throws IllegalArgumentException naming the first offending character as U+XXXX */
    static void require(String name) {
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            int type = Character.getType(c);
            if (c == REPLACEMENT || type == Character.SURROGATE) {
                throw new IllegalArgumentException(
                        "file name is not valid UTF-8 (found U+%04X at index %d)".formatted(c, i));
            }
            if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new IllegalArgumentException(
                        "file name must not contain invisible format characters (found U+%04X at index %d)"
                                .formatted(c, i));
            }
            i += Character.charCount(c);
        }
    }
}
