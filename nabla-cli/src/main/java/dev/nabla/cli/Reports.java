package dev.nabla.cli;

import dev.nabla.autograd.GradMode;
import dev.nabla.data.sources.FashionMnist;
import dev.nabla.nn.Module;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.plot.FeatureMapCapture;
import dev.nabla.train.plot.FilterPlot;
import dev.nabla.train.plot.ImageGrid;
import dev.nabla.train.plot.Png;
import dev.nabla.train.plot.TrainingCurves;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pictures of a training run: curves, first-layer filters, feature maps, a grid of test predictions. */
final class Reports {
    private static final Color RIGHT = new Color(0, 128, 0);
    private static final Color WRONG = new Color(200, 0, 0);

    private Reports() {}

    static void curves(List<Map<String, Double>> rows, Path file) {
        List<String> panels = new ArrayList<>();
        for (String p : List.of("loss", "accuracy", "lr")) {
            for (var r : rows) {
                if (r.containsKey(p) || r.containsKey("train_" + p) || r.containsKey("val_" + p)) {
                    panels.add(p);
                    break;
                }
            }
        }
        TrainingCurves.save(file, rows, panels);
    }

    /** Conv filters (convnet) or the first 64 rows of the first linear layer as 28x28 images (mlp). */
    static BufferedImage filters(Module model, String modelName) {
        Module layer = model.namedModules().get(Models.filterLayer(modelName));
        Tensor w = layer.getParameter("weight").detach();
        if (w.dim() == 4) {
            return FilterPlot.filters(w, "first convolution: " + w.size(0) + " filters " + w.size(2) + "x" + w.size(3), 8);
        }
        int n = Math.min(64, w.size(0));
        Tensor rows = w.narrow(0, 0, n).contiguous().reshape(n, 1, 28, 28);
        return new ImageGrid().nrow(8).scale(3).padding(3).normalize(true)
                .title("first linear layer: weights of " + n + " hidden units as 28x28 images").render(rows);
    }

    /** Feature maps after each conv block for one image (1, 28, 28), stacked; null for models without any. */
    static BufferedImage featureMaps(Module model, String modelName, Tensor image, String label) {
        List<String> layers = Models.featureMapLayers(modelName);
        if (layers.isEmpty()) {
            return null;
        }
        List<BufferedImage> parts = new ArrayList<>();
        parts.add(new ImageGrid().scale(4).padding(3).title("input: " + label).render(image.unsqueeze(0)));
        model.eval();
        try (var cap = FeatureMapCapture.of(model, layers.toArray(new String[0])); var ng = GradMode.noGrad()) {
            model.call(image.unsqueeze(0));
            for (String name : layers) {
                Tensor a = cap.output(name); // (1, C, H, W)
                parts.add(FilterPlot.featureMaps(a, "feature maps after layer " + name + " ("
                        + model.namedModules().get(name).getClass().getSimpleName() + "), " + a.size(1) + " channels "
                        + a.size(2) + "x" + a.size(3), 32));
            }
        }
        return stack(parts);
    }

    /** The first n test images with predicted class and probability, green when right, red when wrong. */
    static BufferedImage predictions(Module model, FashionMnist test, int n) {
        n = Math.min(n, test.size());
        Tensor images = test.images().narrow(0, 0, n);
        long[] labels = test.labels().narrow(0, 0, n).toLongArray();
        model.eval();
        Tensor probs;
        try (var ng = GradMode.noGrad()) {
            probs = model.call(images).softmax(1);
        }
        float[] p = probs.contiguousFloats();
        String[] captions = new String[n];
        Color[] colors = new Color[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                if (p[i * 10 + c] > p[i * 10 + best]) {
                    best = c;
                }
            }
            captions[i] = String.format(java.util.Locale.ROOT, "%s %.2f", FashionMnist.CLASSES.get(best), p[i * 10 + best]);
            colors[i] = best == labels[i] ? RIGHT : WRONG;
        }
        return new ImageGrid().nrow(8).scale(3).padding(6).captions(captions, colors)
                .title("test predictions (green right, red wrong)").render(images);
    }

    static void save(BufferedImage img, Path file) {
        if (img != null) {
            Png.save(img, file);
        }
    }

    private static BufferedImage stack(List<BufferedImage> parts) {
        int w = 0;
        int h = 0;
        for (BufferedImage b : parts) {
            w = Math.max(w, b.getWidth());
            h += b.getHeight() + 6;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int y = 0;
        for (BufferedImage b : parts) {
            g.drawImage(b, 0, y, null);
            y += b.getHeight() + 6;
        }
        g.dispose();
        return out;
    }
}
