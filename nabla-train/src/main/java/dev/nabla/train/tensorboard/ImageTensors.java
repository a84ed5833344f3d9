package dev.nabla.train.tensorboard;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/** Converts image tensors {@code (C, H, W)} or {@code (H, W)} with values in [0, 1] to images. */
public final class ImageTensors {
    private ImageTensors() {}

    /**
     * A grayscale (C = 1), RGB (C = 3) or ARGB (C = 4) image from a float tensor; values are
     * clamped to [0, 1] and scaled to 0..255 with rounding.
     */
    public static BufferedImage toImage(String op, Tensor image) {
        Tensor t = image.detach();
        if (t.dim() == 2) {
            t = t.unsqueeze(0);
        }
        if (t.dim() != 3 || t.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": image must be a float tensor (C, H, W) or (H, W), got "
                    + image.dtype().torchName() + " " + Arrays.toString(image.shape()));
        }
        int c = t.size(0);
        int h = t.size(1);
        int w = t.size(2);
        if (c != 1 && c != 3 && c != 4) {
            throw new IllegalArgumentException(op + ": image must have 1, 3 or 4 channels, got " + c
                    + " (shape " + Arrays.toString(image.shape()) + ")");
        }
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException(op + ": image is empty (shape " + Arrays.toString(image.shape()) + ")");
        }
        float[] v = t.contiguousFloats(); // (C, H, W) row-major
        int plane = h * w;
        if (c == 1) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            var raster = img.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.setSample(x, y, 0, byteOf(v[y * w + x]));
                }
            }
            return img;
        }
        BufferedImage img = new BufferedImage(w, h, c == 4 ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int a = c == 4 ? byteOf(v[3 * plane + p]) : 255;
                int rgb = (a << 24) | (byteOf(v[p]) << 16) | (byteOf(v[plane + p]) << 8) | byteOf(v[2 * plane + p]);
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static int byteOf(float v) {
        if (!(v > 0)) {
            return 0; // also NaN
        }
        return v >= 1 ? 255 : Math.round(v * 255);
    }
}
