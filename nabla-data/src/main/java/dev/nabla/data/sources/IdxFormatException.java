package dev.nabla.data.sources;

import java.io.IOException;

/** A file that is not valid IDX (bad magic, dimensions or length); the message names the file. */
public final class IdxFormatException extends IOException {
    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
