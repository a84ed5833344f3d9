package dev.nabla.train.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private long now;

    @Test
    void plainModeLogsATenthAtATime() {
        var bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> now);
        bar.beginEpoch(1, 3, 100);
        for (int s = 1; s <= 100; s++) {
            now += 10_000_000L; // 10 ms per step of 50 items -> 5000 items/s
            bar.update(s, 50, 0.5, 1e-3);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_loss", 0.25);
        bar.endEpoch(m);
        String text = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertEquals(11, lines.length, text);
        assertFalse(text.contains("\r"));
        assertEquals("epoch 1/3 [##..................] 10/100  5000 items/s  ETA 0:01  loss 0.5000  lr 1.00e-03", lines[0]);
        assertTrue(lines[9].startsWith("epoch 1/3 [####################] 100/100"), lines[9]);
        assertEquals("epoch 1/3 done in 0:01  val_loss 0.2500", lines[10]);
    }

    @Test
    void terminalModeRedrawsInPlaceAndThrottles() {
        var bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, () -> now);
        bar.beginEpoch(2, 2, 1000);
        for (int s = 1; s <= 1000; s++) {
            now += 1_000_000L; // 1 ms per step: redraws only every 100 ms
            bar.update(s, 10, 0.1, 0.01);
        }
        bar.endEpoch(Map.of());
        String text = bytes.toString(StandardCharsets.UTF_8);
        long redraws = text.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 10 && redraws <= 13, "redraws: " + redraws);
        assertEquals(1, text.chars().filter(c -> c == '\n').count());
        assertTrue(text.contains("1000/1000"));
    }

    @Test
    void durations() {
        assertEquals("0:05", ProgressBar.duration(5));
        assertEquals("2:03", ProgressBar.duration(123));
        assertEquals("1:00:01", ProgressBar.duration(3601));
        assertEquals("?", ProgressBar.duration(Double.POSITIVE_INFINITY));
    }
}
