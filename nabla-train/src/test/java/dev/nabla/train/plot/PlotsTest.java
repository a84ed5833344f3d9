package dev.nabla.train.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Renders every plot kind; the PNGs stay in target/test-plots for a person to look at. */
class PlotsTest {
    private static final Path OUT = Path.of("target", "test-plots");

    @Test
    void trainingCurvesHaveOnePanelPerMetric() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int e = 1; e <= 5; e++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("epoch", e);
            r.put("train_loss", 1.0 / e);
            r.put("val_loss", 1.1 / e + 0.05);
            r.put("train_accuracy", 1 - 0.5 / e);
            r.put("val_accuracy", 1 - 0.55 / e);
            r.put("lr", 0.001);
            rows.add(r);
        }
        assertEquals(List.of("loss", "accuracy", "lr"), TrainingCurves.metricsIn(rows));
        Path f = OUT.resolve("curves.png");
        TrainingCurves.save(f, rows);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(1040, img.getWidth());
        assertEquals(760, img.getHeight()); // 2 x 2 panels
        assertTrue(countColor(img, new Color(31, 119, 180)) > 100, "train line drawn");
        assertTrue(countColor(img, new Color(255, 127, 14)) > 100, "validation line drawn");
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.render(List.of(), null));
        assertTrue(e.getMessage().contains("no metric"), e.getMessage());
    }

    @Test
    void imageGridPlacesTilesAndCaptions() throws IOException {
        Tensor imgs = Tensor.zeros(3, 1, 2, 2);
        imgs.set(1.0, 1, 0, 0, 0); // image 1, top-left white
        BufferedImage g = new ImageGrid().nrow(2).padding(1).scale(3).render(imgs);
        // 2 columns of (2*3 + 1) plus 1 padding; 2 rows
        assertEquals(1 + 2 * 7, g.getWidth());
        assertEquals(1 + 2 * 7, g.getHeight());
        assertEquals(0xFFFFFF, g.getRGB(1 + 7, 1) & 0xFFFFFF);          // image 1 pixel (0,0), block start
        assertEquals(0xFFFFFF, g.getRGB(1 + 7 + 2, 1 + 2) & 0xFFFFFF);  // same 3x3 block
        assertEquals(0x000000, g.getRGB(1 + 7 + 3, 1) & 0xFFFFFF);      // next pixel is black

        Tensor batch = Tensor.rand(new Generator(1), 6, 1, 28, 28);
        String[] caps = {"shirt 0.91", "bag 0.55", "sneaker 0.99", "coat 0.40", "dress 0.87", "trouser 0.97"};
        Color[] cols = {Color.GREEN.darker(), Color.RED, Color.GREEN.darker(), Color.RED, Color.GREEN.darker(),
                Color.GREEN.darker()};
        BufferedImage cg = new ImageGrid().nrow(3).scale(3).padding(4).title("test predictions")
                .captions(caps, cols).render(batch);
        Png.save(cg, OUT.resolve("grid.png"));
        assertTrue(countColor(cg, Color.RED) > 0, "red captions drawn");
        var e = assertThrows(IllegalArgumentException.class, () -> new ImageGrid().render(Tensor.zeros(2, 2, 3, 3)));
        assertTrue(e.getMessage().contains("(N, 1|3, H, W)") && e.getMessage().contains("[2, 2, 3, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ImageGrid().captions(new String[1], null).render(Tensor.zeros(2, 1, 3, 3)));
    }

    @Test
    void normalizeStretchesEachImage() {
        Tensor imgs = Tensor.of(new float[] {-2, 2, 10, 20}, 2, 1, 1, 2);
        BufferedImage g = new ImageGrid().nrow(2).padding(0).normalize(true).render(imgs);
        assertEquals(0, g.getRGB(0, 0) & 0xFF);
        assertEquals(255, g.getRGB(1, 0) & 0xFF);
        assertEquals(0, g.getRGB(2, 0) & 0xFF);
        assertEquals(255, g.getRGB(3, 0) & 0xFF);
    }

    @Test
    void filtersAndFeatureMaps() throws IOException {
        Tensor w = Tensor.randn(new Generator(3), 16, 1, 5, 5);
        BufferedImage f = FilterPlot.filters(w, "conv1 filters", 8);
        Png.save(f, OUT.resolve("filters.png"));
        Tensor w2 = Tensor.randn(new Generator(4), 4, 16, 5, 5);
        BufferedImage f2 = FilterPlot.filters(w2, "conv2 filters", 6);
        // 4 output rows x 6 input columns of 5x5 kernels scaled by 9
        assertEquals(3 + 6 * (45 + 3), f2.getWidth());
        Tensor act = Tensor.rand(new Generator(5), 1, 16, 14, 14);
        BufferedImage fm = FilterPlot.featureMaps(act, "conv1 feature maps", 16);
        Png.save(fm, OUT.resolve("feature-maps.png"));
        assertNotEquals(0, fm.getWidth());
        assertTrue(Files.size(OUT.resolve("feature-maps.png")) > 1000);
        var e = assertThrows(IllegalArgumentException.class, () -> FilterPlot.filters(Tensor.zeros(3, 3), "x", 1));
        assertTrue(e.getMessage().contains("(out, in, kH, kW)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FilterPlot.featureMaps(Tensor.zeros(2, 3, 4, 4), "x", 1));
    }

    private static int countColor(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
