package dev.nabla.data.sources;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header row, as strings: every row has exactly as many fields as the header
 * (checked on reading, with the line number of a bad row).
 */
public final class CsvTable {
    private final String source;
    private final List<String> header;
    private final Map<String, Integer> index;
    private final List<CsvParser.Record> rows;

    private CsvTable(String source, List<String> header, List<CsvParser.Record> rows) {
        this.source = source;
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
        this.index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (index.put(header.get(i), i) != null) {
                throw new CsvFormatException(source, 1, "duplicate column name '" + header.get(i) + "' in the header");
            }
        }
    }

    /** Reads a UTF-8 comma-separated file. */
    public static CsvTable read(Path path) throws IOException {
        return read(path, ',');
    }

    public static CsvTable read(Path path, char delimiter) throws IOException {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(new CsvParser(delimiter).parse(r, path.toString()), path.toString());
        }
    }

    /** Parses CSV text ({@code source} names it in messages). */
    public static CsvTable parse(String text, String source) {
        return parse(new CsvParser().parse(text, source), source);
    }

    private static CsvTable parse(List<CsvParser.Record> records, String source) {
        if (records.isEmpty()) {
            throw new CsvFormatException(source, 1, "empty file: expected a header row");
        }
        List<String> header = new ArrayList<>();
        for (String h : records.get(0).fields()) {
            header.add(h.strip());
        }
        List<CsvParser.Record> rows = records.subList(1, records.size());
        for (CsvParser.Record r : rows) {
            if (r.fields().size() != header.size()) {
                throw new CsvFormatException(source, r.line(), "row has " + r.fields().size() + " fields but the header "
                        + "has " + header.size() + " " + header);
            }
        }
        return new CsvTable(source, header, rows);
    }

    public String source() {
        return source;
    }

    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The position of a column; an error listing the columns when there is none. */
    public int columnIndex(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException(source + ": no column named '" + name + "' (columns: " + header + ")");
        }
        return i;
    }

    /** The field of row {@code row} (0-based, header excluded) in column {@code column}. */
    public String get(int row, int column) {
        return rows.get(row).fields().get(column);
    }

    /** The 1-based file line row {@code row} starts on. */
    public int line(int row) {
        return rows.get(row).line();
    }
}
