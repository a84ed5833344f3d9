package dev.nabla.train.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes rows to a CSV file (RFC 4180 quoting). The columns are the keys of the first row, or the
 * header of an existing file when appending, so a resumed run keeps one table. A row may leave
 * columns out (written empty) but may not bring new ones. Each row is flushed as written.
 *
 * <pre>{@code
 * try (var csv = new CsvLogger(out.resolve("metrics.csv"), true)) {
 *     csv.log(Map.of("epoch", 1, "train_loss", 0.41, "val_accuracy", 0.87));
 * }
 * }</pre>
 */
public final class CsvLogger implements MetricsLogger {
    private final Path file;
    private final BufferedWriter out;
    private List<String> columns;

    /** Opens {@code file}; with {@code append} an existing file is continued, else replaced. */
    public CsvLogger(Path file, boolean append) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (append && Files.exists(file) && Files.size(file) > 0) {
                String header = Files.newBufferedReader(file, StandardCharsets.UTF_8).readLine();
                columns = header == null ? null : parseLine(header);
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } else {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: cannot open " + file, e);
        }
    }

    /** The columns, or null before the first row of a new file. */
    public List<String> columns() {
        return columns == null ? null : List.copyOf(columns);
    }

    @Override
    public synchronized void log(Map<String, ?> row) {
        try {
            if (columns == null) {
                columns = new ArrayList<>(row.keySet());
                writeLine(columns);
            } else {
                for (String k : row.keySet()) {
                    if (!columns.contains(k)) {
                        throw new IllegalArgumentException("CsvLogger: column '" + k + "' is not in the header "
                                + columns + " of " + file);
                    }
                }
            }
            List<String> cells = new ArrayList<>(columns.size());
            for (String c : columns) {
                Object v = row.get(c);
                cells.add(v == null ? "" : format(v));
            }
            writeLine(cells);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: cannot write to " + file, e);
        }
    }

    /**
     * Rewrites {@code file} keeping the header and the rows whose numeric {@code column} is at most
     * {@code maxValue}: a run resumed from epoch k drops rows a killed run wrote after its checkpoint.
     */
    public static void keepRowsUpTo(Path file, String column, double maxValue) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return;
            }
            int idx = parseLine(lines.get(0)).indexOf(column);
            if (idx < 0) {
                throw new IllegalArgumentException("CsvLogger: no column '" + column + "' in " + file);
            }
            List<String> kept = new ArrayList<>();
            kept.add(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = parseLine(line);
                if (idx < cells.size() && !cells.get(idx).isEmpty() && Double.parseDouble(cells.get(idx)) <= maxValue) {
                    kept.add(line);
                }
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: cannot rewrite " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: cannot close " + file, e);
        }
    }

    private void writeLine(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write('\n');
    }

    static String format(Object v) {
        if (v instanceof Float f) {
            return Float.toString(f);
        }
        return v.toString();
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Splits one CSV line (no embedded newlines) honoring quotes. */
    static List<String> parseLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }

    @Override
    public String toString() {
        return "CsvLogger[" + file + ", columns " + (columns == null ? "[]" : columns.toString()) + "]";
    }
}
