package dev.nabla.data.sources;

import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.awt.color.ColorSpace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Images to tensors and back through {@code javax.imageio} (PNG, JPEG, BMP, GIF).
 *
 * <p>A tensor image is (C, H, W) float32 in [0, 1]: C = 1 for grayscale, 3 for RGB (4 for RGBA
 * when saving). Grayscale files of 8 or 16 bits keep their full precision; every other kind
 * (palette, RGB, RGBA, CMYK-free JPEG) is read as RGB with alpha dropped, as PIL's
 * {@code convert("RGB")} does.
 *
 * <pre>{@code
 * Tensor img = Images.read(Path.of("cat.png"));      // (3, H, W)
 * Images.write(img.mul(0.5), Path.of("dark.png"));
 * }</pre>
 */
public final class Images {
    /** How to convert on reading. */
    public enum Mode {
        /** Grayscale files as 1 channel, everything else as RGB. */
        AUTO,
        /** Always 1 channel (ITU-R 601-2 luma: 0.299 R + 0.587 G + 0.114 B). */
        GRAY,
        /** Always 3 channels. */
        RGB
    }

    private Images() {
    }

    /** Reads an image file as (C, H, W) in [0, 1], channels chosen by {@link Mode#AUTO}. */
    public static Tensor read(Path path) throws IOException {
        return read(path, Mode.AUTO);
    }

    /** Reads an image file as (C, H, W) in [0, 1]. */
    public static Tensor read(Path path, Mode mode) throws IOException {
        return toTensor(readImage(path), mode);
    }

    /** Reads a {@link BufferedImage}, with errors that name the file. */
    public static BufferedImage readImage(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "image file not found");
        }
        BufferedImage img;
        // A memory-cached stream: ImageIO.read(InputStream) would spool to temporary files by default.
        // ImageIO.read(ImageInputStream) closes the stream itself once it has read an image.
        try (InputStream in = Files.newInputStream(path)) {
            img = ImageIO.read(new MemoryCacheImageInputStream(in));
        } catch (IOException | RuntimeException e) {
            // ImageIO reports truncated or corrupt data as IIOException, sometimes as a runtime exception.
            throw new IOException(path + ": corrupt or truncated image (" + e.getMessage()
                    + (e.getCause() != null ? ": " + e.getCause().getMessage() : "") + ")", e);
        }
        if (img == null) {
            throw new IOException(path + ": not a readable image (no javax.imageio reader recognises its format; "
                    + "PNG, JPEG, BMP and GIF are supported)");
        }
        return img;
    }

    /** Converts an image to (C, H, W) float in [0, 1]. */
    public static Tensor toTensor(BufferedImage img, Mode mode) {
        int h = img.getHeight();
        int w = img.getWidth();
        boolean gray = isGray(img);
        if (gray && mode != Mode.RGB) {
            float[] out = new float[h * w];
            Raster r = img.getRaster();
            int bits = img.getColorModel().getComponentSize(0);
            float scale = (float) (1.0 / ((1L << bits) - 1));
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = row[x] * scale;
                }
            }
            return Tensor.wrap(out, 1, h, w);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        if (mode == Mode.GRAY) {
            float[] out = new float[h * w];
            for (int i = 0; i < argb.length; i++) {
                int p = argb[i];
                // PIL's "L" conversion, in integers: L = (R 299 + G 587 + B 114) / 1000, rounded.
                int l = (((p >>> 16) & 0xFF) * 299 + ((p >>> 8) & 0xFF) * 587 + (p & 0xFF) * 114 + 500) / 1000;
                out[i] = l / 255f;
            }
            return Tensor.wrap(out, 1, h, w);
        }
        int plane = h * w;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = ((p >>> 16) & 0xFF) / 255f;
            out[plane + i] = ((p >>> 8) & 0xFF) / 255f;
            out[2 * plane + i] = (p & 0xFF) / 255f;
        }
        return Tensor.wrap(out, 3, h, w);
    }

    /** Converts an image with {@link Mode#AUTO}. */
    public static Tensor toTensor(BufferedImage img) {
        return toTensor(img, Mode.AUTO);
    }

    private static boolean isGray(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        return cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && cm.getNumColorComponents() == 1;
    }

    /**
     * Converts (C, H, W) or (H, W) values in [0, 1] (clamped, rounded to 8 bits) to an image:
     * 1 channel gray, 3 RGB, 4 RGBA.
     */
    public static BufferedImage toImage(Tensor t) {
        int[] s = t.shape();
        if (s.length == 2) {
            return toImage(t.unsqueeze(0));
        }
        if (s.length != 3 || (s[0] != 1 && s[0] != 3 && s[0] != 4)) {
            throw new IllegalArgumentException("Images.toImage: expected (C, H, W) with C in {1, 3, 4} or (H, W), got "
                    + Arrays.toString(s));
        }
        int c = s[0];
        int h = s[1];
        int w = s[2];
        float[] d = t.toFloat().contiguousFloats();
        int plane = h * w;
        if (c == 1) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    row[x] = to8(d[y * w + x]);
                }
                img.getRaster().setSamples(0, y, w, 1, 0, row);
            }
            return img;
        }
        BufferedImage img = new BufferedImage(w, h, c == 4 ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[plane];
        for (int i = 0; i < plane; i++) {
            int a = c == 4 ? to8(d[3 * plane + i]) : 255;
            argb[i] = (a << 24) | (to8(d[i]) << 16) | (to8(d[plane + i]) << 8) | to8(d[2 * plane + i]);
        }
        img.setRGB(0, 0, w, h, argb, 0, w);
        return img;
    }

    private static int to8(float v) {
        if (!(v > 0)) {
            return 0; // also NaN
        }
        return v >= 1 ? 255 : Math.round(v * 255);
    }

    /**
     * Saves (C, H, W) in [0, 1] as an image, the format taken from the extension (png, jpg, jpeg,
     * bmp; PNG when there is none), through a temporary file and a rename.
     */
    public static void write(Tensor t, Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String format = dot < 0 ? "png" : name.substring(dot + 1);
        if (format.equals("jpeg")) {
            format = "jpg";
        }
        BufferedImage img = toImage(t);
        if (format.equals("jpg") && img.getType() == BufferedImage.TYPE_INT_ARGB) {
            throw new IllegalArgumentException("Images.write: JPEG cannot store an alpha channel (" + path + ")");
        }
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp);
                    MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(img, format, ios)) {
                    throw new IOException("Images.write: no javax.imageio writer for format '" + format + "' (" + path
                            + ")");
                }
            }
            Downloads.moveAtomically(tmp, path);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
