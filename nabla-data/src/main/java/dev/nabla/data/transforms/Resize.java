package dev.nabla.data.transforms;

import dev.nabla.tensor.Tensor;

/**
 * Bilinear resize, as {@code torchvision.transforms.Resize} with bilinear interpolation and
 * {@code antialias=True} (the default). With one size the smaller edge becomes {@code size} and
 * the other keeps the aspect ratio ({@code int(size * long / short)}); with two it is (h, w).
 */
public final class Resize implements Transform {
    private final int h;
    private final int w;
    private final boolean antialias;

    /** Smaller edge to {@code size}. */
    public Resize(int size) {
        this(size, -1, true);
    }

    /** Exactly (h, w). */
    public Resize(int h, int w) {
        this(h, w, true);
    }

    /** @param w -1 for "smaller edge to h" */
    public Resize(int h, int w, boolean antialias) {
        if (h <= 0 || (w <= 0 && w != -1)) {
            throw new IllegalArgumentException("Resize: size must be positive, got " + h + (w == -1 ? "" : "x" + w));
        }
        this.h = h;
        this.w = w;
        this.antialias = antialias;
    }

    @Override
    public Tensor apply(Tensor img) {
        int[] s = ImageOps.imageShape("Resize", img);
        int ih = s[s.length - 2];
        int iw = s[s.length - 1];
        int oh = h;
        int ow = w;
        if (w == -1) {
            if (ih <= iw) {
                oh = h;
                ow = (int) ((long) h * iw / ih);
            } else {
                ow = h;
                oh = (int) ((long) h * ih / iw);
            }
            if (oh == ih && ow == iw) {
                return img;
            }
        }
        return ImageOps.resize(img, oh, ow, antialias);
    }
}
