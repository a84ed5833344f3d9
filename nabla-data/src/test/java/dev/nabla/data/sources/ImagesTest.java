package dev.nabla.data.sources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.DataLoaderException;
import dev.nabla.data.transforms.CenterCrop;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir
    Path dir;

    /** Values on the 8-bit grid so a PNG round trip is exact. */
    static Tensor grid(Generator g, int c, int h, int w) {
        return Tensor.randint(0, 256, g, c, h, w).toFloat().div(255.0);
    }

    @Test
    void pngRoundTripsGrayAndRgbExactly() throws Exception {
        for (int c : new int[] {1, 3}) {
            Tensor t = grid(new Generator(c), c, 5, 7);
            Path p = dir.resolve("img" + c + ".png");
            Images.write(t, p);
            Tensor back = Images.read(p);
            assertArrayEquals(new int[] {c, 5, 7}, back.shape());
            assertArrayEquals(t.toFloatArray(), back.toFloatArray(), 1e-7f);
        }
        // Out-of-range values are clamped, (H, W) is saved as gray.
        Path p = dir.resolve("clamped.png");
        Images.write(Tensor.of(new float[] {-1, 0.5f, 2, Float.NaN}, 2, 2), p);
        assertArrayEquals(new float[] {0, 128 / 255f, 1, 0}, Images.read(p).toFloatArray(), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> Images.toImage(Tensor.zeros(2, 3, 3)));
        IOException unknown = assertThrows(IOException.class, () -> Images.write(Tensor.zeros(1, 2, 2),
                dir.resolve("x.xyz")));
        assertTrue(unknown.getMessage().contains("no javax.imageio writer for format 'xyz'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Images.write(Tensor.zeros(4, 2, 2), dir.resolve("a.jpg")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".part")));
        }
    }

    @Test
    void modesSixteenBitGrayAndJpeg() throws Exception {
        // RGB file read as gray: PIL's integer luma.
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF0000);
        rgb.setRGB(1, 0, 0x102030);
        Path rp = dir.resolve("rgb.png");
        ImageIO.write(rgb, "png", rp.toFile());
        Tensor gray = Images.read(rp, Images.Mode.GRAY);
        // (255 * 299 + 500) / 1000 = 76; (16 * 299 + 32 * 587 + 48 * 114 + 500) / 1000 = 29.
        assertArrayEquals(new float[] {76 / 255f, 29 / 255f}, gray.toFloatArray(), 1e-7f);
        // Gray file forced to RGB repeats the channel.
        Path gp = dir.resolve("g.png");
        Images.write(Tensor.of(new float[] {0.2f, 0.6f}, 1, 1, 2), gp);
        Tensor asRgb = Images.read(gp, Images.Mode.RGB);
        assertArrayEquals(new int[] {3, 1, 2}, asRgb.shape());
        assertEquals(asRgb.getFloat(0, 0, 1), asRgb.getFloat(2, 0, 1));
        // 16-bit grayscale keeps its precision.
        BufferedImage g16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(0, 0, 0, 1000);
        g16.getRaster().setSample(1, 0, 0, 65535);
        Path p16 = dir.resolve("g16.png");
        ImageIO.write(g16, "png", p16.toFile());
        assertArrayEquals(new float[] {1000 / 65535f, 1}, Images.read(p16).toFloatArray(), 1e-7f);
        // JPEG is lossy: a flat colour comes back close.
        Path jp = dir.resolve("flat.jpg");
        Images.write(Tensor.full(0.5f, 3, 16, 16), jp);
        Tensor j = Images.read(jp);
        assertArrayEquals(new int[] {3, 16, 16}, j.shape());
        assertEquals(0.5f, j.mean().item(), 0.02f);
    }

    @Test
    void corruptTruncatedAndForeignFilesNameTheFile() throws Exception {
        Path good = dir.resolve("good.png");
        Images.write(Tensor.rand(new Generator(1), 3, 32, 32), good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> Images.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": corrupt or truncated image"), e.getMessage());
        Path noise = dir.resolve("noise.png");
        Files.write(noise, "this is not an image at all".getBytes());
        IOException e2 = assertThrows(IOException.class, () -> Images.read(noise));
        assertTrue(e2.getMessage().contains(noise + ": not a readable image"), e2.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Images.read(dir.resolve("missing.png")));
    }

    @Test
    void imageFolderSortsClassesAndReadsLazily() throws Exception {
        Path root = dir.resolve("root");
        for (String cls : List.of("dog", "cat")) {
            Files.createDirectories(root.resolve(cls).resolve("sub"));
        }
        Images.write(Tensor.full(0.2f, 3, 6, 8), root.resolve("dog/b.png"));
        Images.write(Tensor.full(0.4f, 3, 6, 8), root.resolve("dog/a.PNG"));
        Images.write(Tensor.full(0.6f, 3, 6, 8), root.resolve("cat/sub/z.jpg"));
        Files.writeString(root.resolve("cat/notes.txt"), "ignored");
        Files.createDirectories(root.resolve("empty"));
        ImageFolder ds = new ImageFolder(root, Images.Mode.RGB, new CenterCrop(4));
        assertEquals(List.of("cat", "dog", "empty"), ds.classes());
        assertEquals(Map.of("cat", 0, "dog", 1, "empty", 2), ds.classToIndex());
        assertEquals(3, ds.size());
        assertArrayEquals(new int[] {0, 1, 1}, ds.targets());
        assertEquals("a.PNG", ds.files().get(1).getFileName().toString());
        var s = ds.get(1);
        assertArrayEquals(new int[] {3, 4, 4}, s.input().shape());
        assertEquals(102 / 255f, s.input().getFloat(0, 0, 0), 1e-7f);
        assertEquals(1L, (long) s.target().get());
        assertEquals(0.6f, ds.get(0).input().mean().item(), 0.02f);

        // A corrupt file fails when read, with its name, and through a loader with the batch index.
        Files.write(root.resolve("dog/c.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        ImageFolder withBad = new ImageFolder(root, Images.Mode.RGB, new CenterCrop(4));
        UncheckedIOException ue = assertThrows(UncheckedIOException.class, () -> withBad.get(3));
        assertTrue(ue.getMessage().contains("c.png"), ue.getMessage());
        DataLoader<dev.nabla.data.Sample, Batch> loader = DataLoader.builder(withBad).batchSize(2).numWorkers(2)
                .build();
        Iterator<Batch> it = loader.iterator();
        assertArrayEquals(new long[] {0, 1}, it.next().targets().toLongArray());
        DataLoaderException de = assertThrows(DataLoaderException.class, it::next);
        assertEquals(1, de.batchIndex());
        assertInstanceOf(UncheckedIOException.class, de.getCause());

        assertThrows(IOException.class, () -> new ImageFolder(dir.resolve("root/empty")));
    }
}
