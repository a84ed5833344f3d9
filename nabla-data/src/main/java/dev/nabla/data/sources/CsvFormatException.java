package dev.nabla.data.sources;

/** A malformed CSV file or a value that cannot be used; the message names the source and line. */
public final class CsvFormatException extends IllegalArgumentException {
    private final int line;

    public CsvFormatException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line the bad record starts on. */
    public int line() {
        return line;
    }
}
