package dev.nabla.data.sources;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV parser: fields separated by a delimiter, records by CRLF, LF or CR; a field in
 * double quotes may hold delimiters, line breaks and doubled quotes ({@code ""} for {@code "}).
 * Blank lines are skipped; a leading UTF-8 byte-order mark is dropped. A quote inside an unquoted
 * field is kept as text (common in the wild); text after a closing quote or a quote left open at
 * the end of the input is an error naming the line.
 *
 * <p>Written here rather than taken from a library: the format is small, and the maintained
 * libraries on Maven Central pull in further dependencies.
 */
public final class CsvParser {
    /** One record and the 1-based line it starts on. */
    public record Record(int line, List<String> fields) {
    }

    private final char delimiter;

    public CsvParser() {
        this(',');
    }

    public CsvParser(char delimiter) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("CsvParser: the delimiter cannot be a quote or a line break");
        }
        this.delimiter = delimiter;
    }

    /** Parses all records; {@code source} names the input in error messages. */
    public List<Record> parse(Reader in, String source) throws IOException {
        List<Record> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        List<String> fields = new ArrayList<>();
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        boolean inQuotes = false;
        boolean afterQuote = false; // just closed a quoted field
        boolean fieldStarted = false;
        boolean first = true;
        int c;
        int pending = -1;
        while (true) {
            c = pending >= 0 ? pending : in.read();
            pending = -1;
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    continue;
                }
            }
            if (c < 0) {
                break;
            }
            if (inQuotes) {
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        inQuotes = false;
                        afterQuote = true;
                        pending = next;
                    }
                } else {
                    if (c == '\n' || (c == '\r')) {
                        if (c == '\r') {
                            int next = in.read();
                            if (next != '\n') {
                                pending = next;
                            }
                            field.append('\n');
                        } else {
                            field.append('\n');
                        }
                        line++;
                    } else {
                        field.append((char) c);
                    }
                }
                continue;
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    int next = in.read();
                    if (next != '\n') {
                        pending = next;
                    }
                }
                if (fieldStarted || field.length() > 0 || afterQuote || !fields.isEmpty()) {
                    fields.add(field.toString());
                    out.add(new Record(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                afterQuote = false;
                fieldStarted = false;
                line++;
                recordLine = line;
            } else if (afterQuote) {
                throw new CsvFormatException(source, line, "unexpected character '" + (char) c
                        + "' after the closing quote of field " + (fields.size() + 1) + " (a quote inside a quoted "
                        + "field must be doubled)");
            } else if (c == '"' && field.length() == 0) {
                inQuotes = true;
                quoteLine = line;
                fieldStarted = true;
            } else {
                field.append((char) c);
                fieldStarted = true;
            }
        }
        if (inQuotes) {
            throw new CsvFormatException(source, quoteLine, "unterminated quoted field " + (fields.size() + 1)
                    + " (the quote opened here is never closed)");
        }
        if (fieldStarted || field.length() > 0 || afterQuote || !fields.isEmpty()) {
            fields.add(field.toString());
            out.add(new Record(recordLine, List.copyOf(fields)));
        }
        return out;
    }

    /** Parses a string. */
    public List<Record> parse(String text, String source) {
        try {
            return parse(new java.io.StringReader(text), source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
