package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.sources.FashionMnist;
import dev.nabla.nn.Module;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.tensorboard.EventFileReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the train, eval and predict commands end to end on the shipped Fashion-MNIST sample. */
class TrainEvalPredictTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Main()).execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path config(String body) throws IOException {
        Path f = dir.resolve("run.properties");
        Files.writeString(f, body);
        return f;
    }

    @Test
    void trainResumeEvalAndPredict() throws IOException {
        Path cfg = config("data = fashion-mnist-sample\nmodel = mlp\nepochs = 1\nbatch_size = 100\nseed = 3\noutput = out\n");
        Result r = run("train", cfg.toString());
        assertEquals(0, r.code(), r.err());
        Path out = dir.resolve("out");
        for (String f : List.of("config.properties", "metrics.csv", "metrics.jsonl", "test_metrics.json",
                "checkpoints/last.safetensors", "checkpoints/best.safetensors", "plots/curves.png",
                "plots/filters.png", "plots/predictions.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(2, Files.readAllLines(out.resolve("metrics.csv")).size());
        assertTrue(Files.readAllLines(out.resolve("metrics.csv")).get(0)
                .startsWith("epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr"));

        // a second run with more epochs continues the same folder
        Files.writeString(cfg, Files.readString(cfg).replace("epochs = 1", "epochs = 2"));
        Result r2 = run("train", cfg.toString());
        assertEquals(0, r2.code(), r2.err());
        assertTrue(r2.out().contains("resuming from") && r2.out().contains("1 epoch(s) done"), r2.out());
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(2).startsWith("2,"), rows.get(2));
        double acc = Double.parseDouble(rows.get(2).split(",")[4]);
        assertTrue(acc > 0.7, "sample MLP validation accuracy after 2 epochs: " + acc);

        // TensorBoard: epoch scalars for both epochs, across the two sessions' files
        int accuracyPoints = 0;
        try (Stream<Path> files = Files.list(out.resolve("tensorboard"))) {
            for (Path f : files.toList()) {
                accuracyPoints += EventFileReader.scalars(f, "accuracy/val").size();
            }
        }
        assertEquals(2, accuracyPoints);

        Result ev = run("eval", "--checkpoint", out.toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("accuracy") && ev.out().contains("f1_macro") && ev.out().contains("Ankle boot"),
                ev.out());
        assertTrue(ev.out().contains("target\\pred"), ev.out());

        // predict a real test image saved as PNG, and a dark-on-light (inverted) copy of it
        FashionMnist test = FashionMnist.sample(false);
        Path png = dir.resolve("trouser.png");
        Path inverted = dir.resolve("trouser-inverted.jpg");
        int idx = firstOfClass(test, 1);
        writeImage(test.get(idx).input(), png, false, "png");
        writeImage(test.get(idx).input(), inverted, true, "jpg");
        Result pr = run("predict", "--checkpoint", out.resolve("checkpoints/best.safetensors").toString(), "--top", "2",
                png.toString(), inverted.toString());
        assertEquals(0, pr.code(), pr.err());
        String[] lines = pr.out().strip().split("\n");
        assertEquals(2, lines.length, pr.out());
        assertTrue(lines[0].startsWith(png + ":  Trouser "), lines[0]);
        assertTrue(lines[1].startsWith(inverted + ":  Trouser "), lines[1]);

        // the model loaded by predict gives the probabilities of the trained model on the same input
        Module m = CheckpointModel.load(out).model();
        Tensor p = m.call(ImageInput.read(png, 28, ImageInput.Invert.AUTO).unsqueeze(0)).softmax(1);
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", p.getFloat(0, 1)), lines[0].split("\\s+")[2]);
    }

    private static int firstOfClass(FashionMnist d, long c) {
        long[] labels = d.labels().toLongArray();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                return i;
            }
        }
        throw new AssertionError("no example of class " + c);
    }

    private static void writeImage(Tensor img, Path file, boolean invert, String format) throws IOException {
        BufferedImage b = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = Math.round(img.getFloat(0, y, x) * 255);
                if (invert) {
                    v = 255 - v;
                }
                b.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        ImageIO.write(b, format, file.toFile());
    }

    @Test
    void badInputGivesClearMessages() throws IOException {
        Result missing = run("train", config("data = fashion-mnist-sample\nepochs = 1\noutput = out\n").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("missing required key 'model'"), missing.err());

        Result unknown = run("train", config("data = fashion-mnist-sample\nmodel = resnet50\nepochs = 1\noutput = o\n").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown model 'resnet50' (expected one of mlp, convnet)"), unknown.err());

        Result noFile = run("train", dir.resolve("absent.properties").toString());
        assertEquals(2, noFile.code());
        assertTrue(noFile.err().contains("absent.properties: cannot read it"), noFile.err());

        Result noData = run("train", config("data = fashion-mnist\ndata.dir = " + dir.resolve("nodata")
                + "\nmodel = mlp\nepochs = 1\noutput = o\n").toString());
        assertEquals(1, noData.code());
        assertTrue(noData.err().contains("cannot read Fashion-MNIST") && noData.err().contains("dataset-fashion-mnist"),
                noData.err());

        Result noCkpt = run("eval", "--checkpoint", dir.resolve("nothing").toString());
        assertEquals(1, noCkpt.code());
        assertTrue(noCkpt.err().contains("does not exist"), noCkpt.err());

        Path notCkpt = dir.resolve("x.safetensors");
        Files.writeString(notCkpt, "garbage");
        Result bad = run("predict", "--checkpoint", notCkpt.toString(), "a.png");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("cannot read checkpoint"), bad.err());

        Result badInvert = run("predict", "--checkpoint", notCkpt.toString(), "--invert", "sometimes", "a.png");
        assertEquals(2, badInvert.code());
        assertTrue(badInvert.err().contains("--invert must be auto, yes or no"), badInvert.err());
    }

    @Test
    void unreadableImageIsReportedAndOthersStillPredicted() throws IOException {
        Path cfg = config("data = fashion-mnist-sample\nmodel = mlp\nepochs = 1\noutput = out\n");
        assertEquals(0, run("train", cfg.toString()).code());
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        Path good = dir.resolve("good.png");
        writeImage(FashionMnist.sample(false).get(0).input(), good, false, "png");
        Result r = run("predict", "--checkpoint", dir.resolve("out").toString(), text.toString(), good.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot read image " + text + ": not a PNG or JPEG image"), r.err());
        assertTrue(r.out().startsWith(good + ":"), r.out());
    }

    @Test
    void oneCycleStepsPerBatchOverTheWholeRun() throws IOException {
        Path cfg = config("data = fashion-mnist-sample\nmodel = mlp\nepochs = 2\nbatch_size = 200\nlr = 0.01\n"
                + "schedule = onecycle\noutput = oc\n");
        Result r = run("train", cfg.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(dir.resolve("oc/metrics.csv"));
        double lr1 = Double.parseDouble(rows.get(1).split(",")[5]);
        double lr2 = Double.parseDouble(rows.get(2).split(",")[5]);
        // after epoch 1 (10 of 20 steps) the rate is past its peak of 0.01 (at step 6) and falling; after
        // the last step it is far below the starting rate 0.01 / div_factor 25 (torch computes the 20th
        // step just past the cycle's end, so it is not exactly the final minimum)
        assertTrue(lr1 > 0.005 && lr1 < 0.01, "lr after epoch 1: " + lr1);
        assertTrue(lr2 < 0.01 / 25 / 2, "lr at the end: " + lr2);
    }

    @Test
    void benchmarkModelsHaveTheRightShapes() {
        Module conv = Models.build("convnet");
        Tensor y = conv.call(Tensor.zeros(2, 1, 28, 28));
        assertArrayEquals(new int[] {2, 10}, y.shape());
        assertEquals(16 * 25 + 16 + 16 * 2 + 32 * 16 * 25 + 32 + 32 * 2 + 1568 * 10 + 10, conv.numParameters());
        assertTrue(conv.stateDict().containsKey("1.running_mean"));
        Module mlp = Models.build("mlp");
        assertEquals(784 * 500 + 500 + 500 * 10 + 10, mlp.numParameters());
        assertTrue(mlp.stateDict().containsKey("1.weight"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Models.build("vgg"));
        assertTrue(e.getMessage().contains("unknown model 'vgg'"));
        assertFalse(Models.featureMapLayers("convnet").isEmpty());
    }
}
