package dev.nabla.train.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Sample;
import dev.nabla.data.TensorDataset;
import dev.nabla.io.Checkpoint;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.functional.F;
import dev.nabla.optim.SGD;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.History;
import dev.nabla.train.Trainer;
import dev.nabla.train.plot.FeatureMapCapture;
import dev.nabla.train.progress.ProgressBar;
import dev.nabla.train.tensorboard.EventFileReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {
    @TempDir
    Path dir;

    private static TensorDataset data(int n, long seed) {
        Generator g = new Generator(seed);
        Tensor x = Tensor.randn(g, n, 4);
        long[] y = new long[n];
        float[] xv = x.toFloatArray();
        for (int i = 0; i < n; i++) {
            y[i] = xv[i * 4] > 0 ? 1 : 0;
        }
        return new TensorDataset(x, Tensor.ofLongs(y, n));
    }

    private static DataLoader<Sample, Batch> loader(TensorDataset d) {
        return DataLoader.builder(d).batchSize(10).build();
    }

    private static Module model() {
        Generator g = new Generator(1);
        return new Sequential(new Linear(4, 8, true, g), new ReLU(), new Linear(8, 2, true, g));
    }

    @Test
    void monitorModes() {
        assertEquals("max", new Monitor("val_accuracy", "auto", 0).mode());
        assertEquals("min", new Monitor("val_loss", "auto", 0).mode());
        Monitor m = new Monitor("val_loss", "min", 0.1);
        assertTrue(m.improved(0.8, 1.0));
        assertFalse(m.improved(0.95, 1.0), "within minDelta is no improvement");
        assertFalse(m.improved(Double.NaN, 1.0));
        var e = assertThrows(IllegalArgumentException.class, () -> new Monitor("x", "up", 0));
        assertTrue(e.getMessage().contains("min, max or auto"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(m, -1, true));
    }

    @Test
    void checkpointsTensorBoardCsvAndProgressTogether() throws Exception {
        Module m = model();
        var bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        ModelCheckpoint ck = new ModelCheckpoint(dir.resolve("ck"), new Monitor("val_loss", "min", 0), true, 0,
                Map.of("model", "tiny"));
        TensorBoardCallback tb = new TensorBoardCallback(dir.resolve("tb"), 2, true);
        CsvLoggerCallback csv = new CsvLoggerCallback(dir.resolve("m.csv"));
        // lr 2 on a tiny problem: the validation loss goes up and down, so best != last
        History h = Trainer.builder().callbacks(new ProgressCallback(bar), ck, tb, csv).build()
                .fit(m, F::crossEntropy, new SGD(m.parameters(), 2.0), loader(data(40, 1)), loader(data(20, 2)), 4);

        double[] val = h.values("val_loss");
        int best = 0;
        for (int i = 1; i < val.length; i++) {
            if (val[i] < val[best]) {
                best = i;
            }
        }
        assertEquals(4, Checkpoint.readInfo(ck.lastPath()).epoch());
        assertEquals(best + 1, Checkpoint.readInfo(ck.bestPath()).epoch());
        assertEquals("tiny", Checkpoint.readInfo(ck.lastPath()).metadata().get("model"));
        // the last checkpoint holds the final weights
        Module back = model();
        Checkpoint.load(ck.lastPath(), Map.of("model", back));
        for (int i = 0; i < m.parameters().size(); i++) {
            assertArrayEquals(m.parameters().get(i).toFloatArray(), back.parameters().get(i).toFloatArray());
        }

        Path events;
        try (var files = Files.list(dir.resolve("tb"))) {
            events = files.findFirst().orElseThrow();
        }
        List<double[]> valLoss = EventFileReader.scalars(events, "loss/val");
        assertEquals(4, valLoss.size());
        assertEquals(1, valLoss.get(0)[0]);
        assertEquals((float) val[0], valLoss.get(0)[1], 0);
        assertEquals(8, EventFileReader.scalars(events, "batch/loss").size()); // 16 batches, every 2nd
        long histograms = EventFileReader.read(events).stream()
                .flatMap(e -> e.values().stream()).filter(v -> v.histogram() != null).count();
        assertEquals(4 * 4, histograms); // 4 parameters x 4 epochs

        List<String> rows = Files.readAllLines(dir.resolve("m.csv"));
        assertEquals(5, rows.size());
        assertEquals("epoch,train_loss,val_loss,lr", rows.get(0));
        assertTrue(rows.get(4).startsWith("4,"));

        String progress = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("epoch 4/4 done in"), progress);
        assertTrue(progress.contains("epoch 1/4 [####################] 4/4"), progress);
    }

    @Test
    void modelCheckpointNeedsTheMonitoredMetric() {
        Module m = model();
        var e = assertThrows(IllegalStateException.class, () -> Trainer.builder()
                .callbacks(new ModelCheckpoint(dir)).build()
                .fit(m, F::crossEntropy, new SGD(m.parameters(), 0.1), loader(data(20, 1)), null, 1));
        assertTrue(e.getMessage().contains("ModelCheckpoint: monitored metric 'val_loss'"), e.getMessage());
    }

    @Test
    void featureMapCaptureRecordsAndRemovesHooks() {
        Module m = model();
        Tensor x = Tensor.randn(new Generator(3), 5, 4);
        try (FeatureMapCapture cap = FeatureMapCapture.of(m, "0", "1")) {
            Tensor out = m.call(x);
            Tensor hidden = cap.output("0");
            assertArrayEquals(new int[] {5, 8}, hidden.shape());
            assertArrayEquals(hidden.relu().toFloatArray(), cap.output("1").toFloatArray());
            assertArrayEquals(out.shape(), new int[] {5, 2});
            try (FeatureMapCapture late = FeatureMapCapture.of(m, "2")) {
                var e = assertThrows(IllegalStateException.class, () -> late.output("2"));
                assertTrue(e.getMessage().contains("has not run"), e.getMessage());
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> FeatureMapCapture.of(m, "conv9"));
        assertTrue(e.getMessage().contains("no submodule 'conv9'"), e.getMessage());
    }
}
