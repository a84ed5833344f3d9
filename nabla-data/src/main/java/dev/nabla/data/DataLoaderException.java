package dev.nabla.data;

/**
 * A failure while loading one batch (in a worker or on the caller's thread), re-thrown to the
 * caller with the batch index and the example indices; the original exception is the cause.
 */
public final class DataLoaderException extends RuntimeException {
    private final int batchIndex;

    public DataLoaderException(int batchIndex, String message, Throwable cause) {
        super(message, cause);
        this.batchIndex = batchIndex;
    }

    /** The 0-based index of the batch in its epoch. */
    public int batchIndex() {
        return batchIndex;
    }
}
