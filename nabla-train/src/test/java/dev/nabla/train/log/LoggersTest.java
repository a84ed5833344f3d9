package dev.nabla.train.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggersTest {
    @TempDir
    Path dir;

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void csvWritesHeaderRowsAndQuotes() throws IOException {
        Path f = dir.resolve("sub/metrics.csv");
        try (CsvLogger csv = new CsvLogger(f, false)) {
            csv.log(row("epoch", 1, "loss", 0.5, "note", "a,b"));
            csv.log(row("epoch", 2, "loss", 0.25));
            var e = assertThrows(IllegalArgumentException.class, () -> csv.log(row("epoch", 3, "acc", 1)));
            assertTrue(e.getMessage().contains("column 'acc' is not in the header"), e.getMessage());
        }
        assertEquals(List.of("epoch,loss,note", "1,0.5,\"a,b\"", "2,0.25,"), Files.readAllLines(f));
        assertEquals(List.of("x", "a,\"b", ""), CsvLogger.parseLine("x,\"a,\"\"b\","));
    }

    @Test
    void csvAppendKeepsHeaderAndTruncationDropsLaterRows() throws IOException {
        Path f = dir.resolve("m.csv");
        try (CsvLogger csv = new CsvLogger(f, false)) {
            csv.log(row("epoch", 1, "loss", 0.5));
            csv.log(row("epoch", 2, "loss", 0.4));
            csv.log(row("epoch", 3, "loss", 0.3));
        }
        CsvLogger.keepRowsUpTo(f, "epoch", 2);
        try (CsvLogger csv = new CsvLogger(f, true)) {
            assertEquals(List.of("epoch", "loss"), csv.columns());
            csv.log(row("loss", 0.35, "epoch", 3));
        }
        assertEquals(List.of("epoch,loss", "1,0.5", "2,0.4", "3,0.35"), Files.readAllLines(f));
        assertThrows(IllegalArgumentException.class, () -> CsvLogger.keepRowsUpTo(f, "step", 1));
    }

    @Test
    void jsonLinesOneObjectPerLine() throws IOException {
        Path f = dir.resolve("m.jsonl");
        try (JsonLinesLogger j = new JsonLinesLogger(f, false)) {
            j.log(row("epoch", 1, "loss", 0.5, "tag", "x\"y"));
            j.log(row("epoch", 2, "loss", Double.NaN));
        }
        try (JsonLinesLogger j = new JsonLinesLogger(f, true)) {
            j.log(row("epoch", 3));
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(3, lines.size());
        var m = new ObjectMapper();
        var first = m.readTree(lines.get(0));
        assertEquals(0.5, first.get("loss").asDouble());
        assertEquals("x\"y", first.get("tag").asText());
        assertEquals("NaN", m.readTree(lines.get(1)).get("loss").asText());
        assertEquals(3, m.readTree(lines.get(2)).get("epoch").asInt());
        assertEquals("{\"epoch\":1,\"loss\":0.5,\"tag\":\"x\\\"y\"}", lines.get(0));
    }
}
