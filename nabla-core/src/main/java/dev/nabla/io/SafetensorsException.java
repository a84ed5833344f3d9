package dev.nabla.io;

/** A safetensors file that is malformed, truncated or hostile; the message names the file, the key and the problem. */
public final class SafetensorsException extends java.io.IOException {
    public SafetensorsException(String message) {
        super(message);
    }

    public SafetensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
