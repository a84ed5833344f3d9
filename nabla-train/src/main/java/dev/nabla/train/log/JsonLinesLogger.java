package dev.nabla.train.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes each row as one JSON object per line ({@code .jsonl}), keys in the order given. Unlike
 * CSV, rows may carry different keys. Non-finite doubles are written as strings ("NaN",
 * "Infinity"), since JSON has no literal for them.
 */
public final class JsonLinesLogger implements MetricsLogger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final BufferedWriter out;

    public JsonLinesLogger(Path file, boolean append) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            out = append
                    ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("JsonLinesLogger: cannot open " + file, e);
        }
    }

    @Override
    public synchronized void log(Map<String, ?> row) {
        Map<String, Object> clean = new LinkedHashMap<>();
        for (var e : row.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
                v = v.toString();
            }
            clean.put(e.getKey(), v);
        }
        try {
            out.write(JSON.writeValueAsString(clean));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("JsonLinesLogger: cannot write to " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("JsonLinesLogger: cannot close " + file, e);
        }
    }
}
