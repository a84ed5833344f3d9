package dev.nabla.train.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads our event files with TensorBoard's own Python reader (EventAccumulator), through
 * tools/tensorboard_read_check.py. Skipped when no Python with the tensorboard package is found:
 * set NABLA_TENSORBOARD_PYTHON, or create /tmp/tbenv as that script's docstring says.
 */
class TensorBoardReaderTest {
    @TempDir
    Path dir;

    @Test
    void tensorBoardItselfReadsScalarsHistogramsAndImages() throws IOException, InterruptedException {
        Path python = Path.of(System.getenv().getOrDefault("NABLA_TENSORBOARD_PYTHON", "/tmp/tbenv/bin/python"));
        Path script = findScript();
        assumeTrue(Files.isExecutable(python) && script != null, "TensorBoard's Python reader is not installed");
        try (SummaryWriter w = new SummaryWriter(dir)) {
            for (int step = 0; step < 3; step++) {
                w.addScalar("loss/train", 1.0 / (step + 1), step);
                w.addHistogram("params/weight", new float[] {-1f, 0f, 0.5f, step}, step);
            }
            w.addImage("filters", Tensor.rand(new Generator(0), 1, 8, 6), 2);
        }
        Process p = new ProcessBuilder(python.toString(), script.toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "reader timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("scalar    loss/train: 3 points, first [1.0, 0.5, 0.3333]"), out);
        assertTrue(out.contains("histogram params/weight: 3 steps, last: 4 values in [-1, 2]"), out);
        assertTrue(out.contains("image     filters: 1 x 6x8 PNG"), out);
    }

    private static Path findScript() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("tools/tensorboard_read_check.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        return null;
    }
}
