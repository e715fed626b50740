package dev.signingsuite.container.assembly;

/**
 * The container's name ({@code <file name>.asice}) is not a safe file name, e.g. over 255 UTF-8
 * bytes: a limit intake should have enforced. The stage fails the document with {@code
 * INVALID_FILE_NAME} and dead-letters the record. The message names the rule, never the name.
 */
public final class ContainerNameRefused extends IllegalArgumentException {

    ContainerNameRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
