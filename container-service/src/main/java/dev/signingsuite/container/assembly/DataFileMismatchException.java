package dev.signingsuite.container.assembly;

import java.io.IOException;

/** The bytes the blob store returned for a data file differ from its reference (size or SHA-256). */
final class DataFileMismatchException extends IOException {

    public DataFileMismatchException(String fileName) {
        super("the stored bytes of data file " + fileName + " do not match its size and SHA-256");
    }
}
