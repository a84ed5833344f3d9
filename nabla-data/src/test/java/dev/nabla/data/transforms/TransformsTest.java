package dev.nabla.data.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Dataset;
import dev.nabla.data.Sample;
import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformsTest {

    static Tensor arangeImage(int c, int h, int w) {
        return Tensor.arange(c * h * w).reshape(c, h, w);
    }

    @Test
    void normalizePerChannel() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 2, 2, 2);
        Tensor y = new Normalize(new double[] {2, 20}, new double[] {0.5, 10}).apply(x);
        assertArrayEquals(new float[] {-2, 0, 2, 4, -1, 0, 1, 2}, y.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-1, 0, 1, 2, 8, 18, 28, 38},
                new Normalize(new double[] {2}, new double[] {1}).apply(x).toFloatArray(), 1e-6f);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Normalize(new double[] {0, 0, 0}, new double[] {1, 1, 1}).apply(x)).getMessage()
                .contains("3 mean/std values for an image with 2 channels"));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new Normalize(new double[] {0}, new double[] {1}).apply(Tensor.zeros(4, 4)));
    }

    @Test
    void resizeBilinearUpAndAntialiasedDown() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3}, 1, 2, 2);
        // torch.nn.functional.interpolate(x, size=4, mode="bilinear", align_corners=False)
        assertArrayEquals(new float[] {0, .25f, .75f, 1, .5f, .75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2, 2.25f,
                2.75f, 3}, new Resize(4, 4).apply(x).toFloatArray(), 1e-6f);
        Tensor row = Tensor.of(new float[] {0, 1, 2, 3}, 1, 1, 4);
        // Antialiased: the triangle widened to 2 pixels covers 3 inputs: (0 .75 + 1 .75 + 2 .25) / 1.75.
        assertArrayEquals(new float[] {1.25f / 1.75f, 4f / 1.75f}, new Resize(1, 2).apply(row).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 2.5f}, new Resize(1, 2, false).apply(row).toFloatArray(), 1e-6f);
        // Smaller edge to the size, aspect kept with int(size * long / short).
        assertArrayEquals(new int[] {3, 5, 11}, new Resize(5).apply(Tensor.zeros(3, 10, 22)).shape());
        assertArrayEquals(new int[] {3, 11, 5}, new Resize(5).apply(Tensor.zeros(3, 22, 10)).shape());
        Tensor same = Tensor.zeros(1, 5, 8);
        assertSame(same, new Resize(5).apply(same));
        Tensor constant = Tensor.full(0.7f, 2, 13, 17);
        for (float v : new Resize(6, 29).apply(constant).toFloatArray()) {
            assertEquals(0.7f, v, 1e-6f);
        }
    }

    @Test
    void resizeWithoutAntialiasMatchesInterpolateBilinear() {
        // nabla-core's interpolate is checked against PyTorch's own numbers; the transform must agree.
        Tensor x = Tensor.rand(new Generator(4), 2, 3, 7, 9);
        for (int[] hw : new int[][] {{13, 5}, {4, 4}, {20, 30}, {7, 9}, {1, 1}, {3, 17}}) {
            Tensor ref = dev.nabla.nn.functional.Resampling.interpolate(x, hw, null, "bilinear", false);
            assertArrayEquals(ref.toFloatArray(), ImageOps.resize(x, hw[0], hw[1], false).toFloatArray(), 1e-5f,
                    Arrays.toString(hw));
            if (hw[0] >= 7 && hw[1] >= 9) {
                // Enlarging: antialiasing changes nothing.
                assertArrayEquals(ref.toFloatArray(), ImageOps.resize(x, hw[0], hw[1], true).toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void centerCropRoundsHalfToEvenAndPads() {
        Tensor x = arangeImage(1, 5, 5);
        assertArrayEquals(new float[] {6, 7, 8, 11, 12, 13, 16, 17, 18}, new CenterCrop(3).apply(x).toFloatArray());
        // (4 - 3) / 2 = 0.5 rounds to 0; (6 - 3) / 2 = 1.5 rounds to 2 (Python's round).
        assertArrayEquals(new float[] {0, 1, 2, 4, 5, 6, 8, 9, 10}, new CenterCrop(3).apply(arangeImage(1, 4, 4))
                .toFloatArray());
        assertEquals(14f, new CenterCrop(3).apply(arangeImage(1, 6, 6)).toFloatArray()[0]);
        // Larger than the image: zero padding around it.
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 3, 0, 0, 0, 0, 0},
                new CenterCrop(4).apply(Tensor.of(new float[] {0, 1, 2, 3}, 1, 2, 2).add(0)).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 0},
                new CenterCrop(4).apply(arangeImage(1, 3, 3).add(1)).toFloatArray());
    }

    @Test
    void randomCropIsAWindowOfThePaddedImageAndReproducible() {
        Tensor x = arangeImage(2, 6, 6).add(1); // no zeros inside, so padding is visible
        RandomCrop a = new RandomCrop(4, 0, new Generator(3));
        RandomCrop b = new RandomCrop(4, 0, new Generator(3));
        boolean differs = false;
        Tensor first = null;
        for (int i = 0; i < 20; i++) {
            Tensor ca = a.apply(x);
            assertArrayEquals(ca.toFloatArray(), b.apply(x).toFloatArray());
            int top = (int) (ca.getFloat(0, 0, 0) - 1) / 6;
            int left = (int) (ca.getFloat(0, 0, 0) - 1) % 6;
            assertArrayEquals(x.narrow(1, top, 4).narrow(2, left, 4).toFloatArray(), ca.toFloatArray());
            if (first != null && !Arrays.equals(first.toFloatArray(), ca.toFloatArray())) {
                differs = true;
            }
            first = ca;
        }
        assertTrue(differs);
        RandomCrop padded = new RandomCrop(6, 2, new Generator(4));
        int sawZeros = 0;
        for (int i = 0; i < 20; i++) {
            Tensor c = padded.apply(x);
            assertArrayEquals(new int[] {2, 6, 6}, c.shape());
            if (c.min().item() == 0) {
                sawZeros++;
            }
        }
        assertTrue(sawZeros > 10, "padding shows up as zeros");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RandomCrop(8, 0, null).apply(x)).getMessage()
                .contains("required crop size (8, 8) is larger than the (padded) input image size (6, 6)"));
        assertArrayEquals(new int[] {2, 8, 8}, new RandomCrop(8, 8, new int[] {0}, true, new Generator(1)).apply(x)
                .shape());
    }

    @Test
    void horizontalFlip() {
        Tensor x = arangeImage(1, 2, 3);
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3}, new RandomHorizontalFlip(1, null).apply(x).toFloatArray());
        assertSame(x, new RandomHorizontalFlip(0, null).apply(x));
        RandomHorizontalFlip half = new RandomHorizontalFlip(new Generator(0));
        int flips = 0;
        for (int i = 0; i < 1000; i++) {
            if (half.apply(x).getFloat(0, 0, 0) == 2f) {
                flips++;
            }
        }
        assertTrue(flips > 430 && flips < 570, "flips=" + flips);
    }

    @Test
    void rotationCounterClockwiseBilinearZeroFill() {
        Tensor x = arangeImage(1, 3, 3);
        // 90 degrees counter-clockwise, as torch.rot90(x, 1, (1, 2)).
        assertArrayEquals(new float[] {2, 5, 8, 1, 4, 7, 0, 3, 6},
                new RandomRotation(90, 90, 0f, new Generator(0)).apply(x).toFloatArray(), 1e-5f);
        assertArrayEquals(x.toFloatArray(), new RandomRotation(0, null).apply(x).toFloatArray(), 1e-6f);
        Tensor ones = Tensor.ones(1, 9, 9);
        Tensor r = new RandomRotation(45, 45, 0f, null).apply(ones);
        assertEquals(1f, r.getFloat(0, 4, 4), 1e-6f);
        assertEquals(0f, r.getFloat(0, 0, 0), 1e-6f); // corner comes from outside: fill 0
        // A half-pixel shift at the border blends image and fill.
        Tensor r30 = new RandomRotation(30, 30, 0f, null).apply(ones);
        float edge = r30.getFloat(0, 0, 4);
        assertTrue(edge > 0 && edge <= 1, "edge=" + edge);
        RandomRotation random = new RandomRotation(30, new Generator(5));
        assertArrayEquals(random.apply(arangeImage(1, 5, 5)).toFloatArray(),
                new RandomRotation(30, new Generator(5)).apply(arangeImage(1, 5, 5)).toFloatArray());
    }

    @Test
    void randomResizedCropParametersAndOutput() {
        Generator g = new Generator(7);
        for (int i = 0; i < 200; i++) {
            int[] p = RandomResizedCrop.params(g, 40, 60, new double[] {0.08, 1}, new double[] {3 / 4.0, 4 / 3.0});
            assertTrue(p[0] >= 0 && p[1] >= 0 && p[0] + p[2] <= 40 && p[1] + p[3] <= 60, Arrays.toString(p));
            double area = (double) p[2] * p[3] / (40 * 60);
            double ratio = (double) p[3] / p[2];
            boolean fallback = p[2] == 40 && p[3] == 53 && p[0] == 0 && p[1] == 3;
            assertTrue(fallback || (area > 0.07 && area <= 1.01 && ratio > 0.7 && ratio < 1.4),
                    Arrays.toString(p) + " area " + area + " ratio " + ratio);
        }
        // Impossible ratio: falls back to the largest central window with the ratio bound (60 wide / 40 high > 4/3).
        assertArrayEquals(new int[] {0, 3, 40, 53}, RandomResizedCrop.params(new Generator(1), 40, 60,
                new double[] {2, 2}, new double[] {3 / 4.0, 4 / 3.0}));
        // Whole image at ratio 1: same as a plain resize.
        Tensor x = Tensor.rand(new Generator(2), 3, 16, 16);
        assertArrayEquals(new Resize(8, 8).apply(x).toFloatArray(),
                new RandomResizedCrop(8, 8, new double[] {1, 1}, new double[] {1, 1}, true, new Generator(3)).apply(x)
                        .toFloatArray(), 1e-6f);
        assertArrayEquals(new int[] {3, 10, 10}, new RandomResizedCrop(10, new Generator(1)).apply(x).shape());
    }

    @Test
    void colorJitterPieces() {
        // Pure red shifted by a third of the hue circle is pure green.
        float[] red = {1, 0, 0};
        ColorJitter.hue(red, 0, 1, 1 / 3.0);
        assertArrayEquals(new float[] {0, 1, 0}, red, 1e-6f);
        float[] px = {0.2f, 0.4f, 0.6f, 0.8f, 0.5f, 0.1f}; // 3 channels x 2 pixels
        float[] sat0 = px.clone();
        ColorJitter.saturation(sat0, 0, 2, 0f);
        float g0 = 0.2989f * 0.2f + 0.587f * 0.6f + 0.114f * 0.5f;
        assertArrayEquals(new float[] {g0, g0}, new float[] {sat0[0], sat0[2]}, 1e-6f);
        assertEquals(g0, sat0[4], 1e-6f);
        float[] con = px.clone();
        ColorJitter.contrast(con, 0, 3, 2, 0f);
        float g1 = 0.2989f * 0.4f + 0.587f * 0.8f + 0.114f * 0.1f;
        for (float v : con) {
            assertEquals((g0 + g1) / 2, v, 1e-6f);
        }
        float[] br = px.clone();
        ColorJitter.brightness(br, 0, 6, 2f);
        assertArrayEquals(new float[] {0.4f, 0.8f, 1f, 1f, 1f, 0.2f}, br, 1e-6f);

        Tensor img = Tensor.rand(new Generator(1), 3, 4, 4);
        assertArrayEquals(img.toFloatArray(), new ColorJitter(0, 0, 0, 0, null).apply(img).toFloatArray());
        // Brightness alone scales every unclamped pixel by one factor in [0.5, 1.5].
        Tensor dim = img.mul(0.5);
        Tensor out = new ColorJitter(0.5, 0, 0, new Generator(9)).apply(dim);
        float f = out.getFloat(0, 0, 0) / dim.getFloat(0, 0, 0);
        assertTrue(f >= 0.5f && f <= 1.5f);
        assertArrayEquals(dim.mul(f).toFloatArray(), out.toFloatArray(), 1e-5f);
        Tensor jittered = new ColorJitter(0.4, 0.4, 0.4, 0.1, new Generator(3)).apply(img);
        assertTrue(jittered.min().item() >= 0 && jittered.max().item() <= 1);
        assertThrows(IllegalArgumentException.class, () -> new ColorJitter(0, 0, 0, 0.6, null));
        assertThrows(IllegalArgumentException.class, () -> new ColorJitter(0.1, 0, 0, null).apply(Tensor.zeros(2, 3, 3)));
    }

    @Test
    void seededPipelinesAreReproducibleAlsoInsideALoaderWithWorkers() {
        Tensor x = Tensor.rand(new Generator(1), 3, 12, 12);
        Compose p1 = pipeline(new Generator(42));
        Compose p2 = pipeline(new Generator(42));
        Tensor a = p1.apply(x);
        assertArrayEquals(a.toFloatArray(), p2.apply(x).toFloatArray());
        assertFalse(Arrays.equals(a.toFloatArray(), p1.apply(x).toFloatArray()), "the next call draws anew");

        // Without generators the transforms draw from the loader's per-batch stream.
        Compose fromLoader = pipeline(null);
        Tensor images = Tensor.rand(new Generator(2), 20, 3, 12, 12);
        Dataset<Sample> ds = new TensorDataset(images, Tensor.zeros(20))
                .map(s -> s.mapInput(fromLoader));
        List<float[]> ref = new ArrayList<>();
        for (Batch b : DataLoader.builder(ds).batchSize(3).generator(new Generator(8)).build()) {
            ref.add(b.inputs().toFloatArray());
        }
        List<float[]> par = new ArrayList<>();
        for (Batch b : DataLoader.builder(ds).batchSize(3).generator(new Generator(8)).numWorkers(2).build()) {
            par.add(b.inputs().toFloatArray());
        }
        assertEquals(ref.size(), par.size());
        for (int i = 0; i < ref.size(); i++) {
            assertArrayEquals(ref.get(i), par.get(i));
        }
    }

    static Compose pipeline(Generator g) {
        return new Compose(new RandomResizedCrop(10, g), new RandomHorizontalFlip(g), new RandomRotation(15, g),
                new ColorJitter(0.3, 0.3, 0.3, 0.05, g), new RandomCrop(8, 1, g),
                new Normalize(new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25}));
    }
}
