package dev.nabla.cli;

import dev.nabla.tensor.Tensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads a PNG or JPEG as a Fashion-MNIST style input: grayscale, resized to 28x28 with bilinear
 * filtering, scaled to [0, 1]. Fashion-MNIST shows light garments on a black background, while
 * photos usually show dark objects on a light one, so images whose border is mostly light are
 * inverted (unless told otherwise).
 */
public final class ImageInput {
    /** When to invert. */
    public enum Invert { AUTO, YES, NO }

    private ImageInput() {}

    /** The image as a tensor {@code (1, 28, 28)} in [0, 1]. */
    public static Tensor read(Path file, int size, Invert invert) {
        BufferedImage img;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("predict: cannot read image " + file + ": no such file");
        }
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("predict: cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException("predict: cannot read image " + file
                    + ": not a PNG or JPEG image (no image reader recognised it)");
        }
        // Draw onto a white canvas first so transparent areas become background, not black.
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g0 = rgb.createGraphics();
        g0.setColor(java.awt.Color.WHITE);
        g0.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g0.drawImage(img, 0, 0, null);
        g0.dispose();
        BufferedImage small = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(scaledDown(rgb, size), 0, 0, size, size, null);
        g.dispose();
        float[] v = new float[size * size];
        double border = 0;
        int borderN = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = small.getRGB(x, y);
                // ITU-R BT.601 luma, as PIL's convert("L").
                double l = (0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255)) / 255.0;
                v[y * size + x] = (float) l;
                if (x == 0 || y == 0 || x == size - 1 || y == size - 1) {
                    border += l;
                    borderN++;
                }
            }
        }
        boolean doInvert = invert == Invert.YES || (invert == Invert.AUTO && border / borderN > 0.5);
        if (doInvert) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1 - v[i];
            }
        }
        return Tensor.of(v, 1, size, size);
    }

    /** Halves the image repeatedly while it is over twice the target size, so bilinear scaling does not alias. */
    private static BufferedImage scaledDown(BufferedImage img, int size) {
        BufferedImage cur = img;
        while (cur.getWidth() > 2 * size && cur.getHeight() > 2 * size) {
            BufferedImage half = new BufferedImage(cur.getWidth() / 2, cur.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = half.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(cur, 0, 0, half.getWidth(), half.getHeight(), null);
            g.dispose();
            cur = half;
        }
        return cur;
    }
}
