package dev.nabla.data.transforms;

import dev.nabla.tensor.Tensor;

/**
 * The central (h, w) window, as {@code torchvision.transforms.CenterCrop}: offsets
 * {@code round((H - h) / 2)} with Python's round-half-to-even; an image smaller than the window is
 * padded with zeros around it first.
 */
public final class CenterCrop implements Transform {
    private final int h;
    private final int w;

    public CenterCrop(int size) {
        this(size, size);
    }

    public CenterCrop(int h, int w) {
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("CenterCrop: size must be positive, got " + h + "x" + w);
        }
        this.h = h;
        this.w = w;
    }

    @Override
    public Tensor apply(Tensor img) {
        int[] s = ImageOps.imageShape("CenterCrop", img);
        int ih = s[s.length - 2];
        int iw = s[s.length - 1];
        int top;
        int left;
        if (h > ih || w > iw) {
            // torchvision pads (left, top) = ((w - W) // 2, (h - H) // 2) then crops again centrally.
            int padTop = h > ih ? (h - ih) / 2 : 0;
            int padLeft = w > iw ? (w - iw) / 2 : 0;
            int ph = Math.max(ih, h);
            int pw = Math.max(iw, w);
            top = (int) Math.rint((ph - h) / 2.0) - padTop;
            left = (int) Math.rint((pw - w) / 2.0) - padLeft;
        } else {
            top = (int) Math.rint((ih - h) / 2.0);
            left = (int) Math.rint((iw - w) / 2.0);
        }
        return ImageOps.crop(img, top, left, h, w, 0f);
    }
}
