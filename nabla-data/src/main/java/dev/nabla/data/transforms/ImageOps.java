package dev.nabla.data.transforms;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * The pixel kernels behind the transforms, on images of shape (..., H, W): every leading
 * dimension is treated as a separate plane. Inputs are read row-major; outputs are new tensors.
 */
public final class ImageOps {
    private ImageOps() {
    }

    /** Checks a float image of at least 2 dims and returns its shape. */
    static int[] imageShape(String op, Tensor img) {
        int[] s = img.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException(op + ": expected an image tensor of shape (..., H, W), got "
                    + Arrays.toString(s));
        }
        if (img.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a float32 image, got " + img.dtype().torchName()
                    + " (use ToTensor or .toFloat() first)");
        }
        return s;
    }

    static int planes(int[] s) {
        int p = 1;
        for (int i = 0; i < s.length - 2; i++) {
            p *= s[i];
        }
        return p;
    }

    static int[] withHw(int[] s, int h, int w) {
        int[] o = s.clone();
        o[o.length - 2] = h;
        o[o.length - 1] = w;
        return o;
    }

    /**
     * The window rows [top, top + h) and columns [left, left + w); parts outside the image are
     * {@code fill} (so negative offsets or windows larger than the image pad).
     */
    public static Tensor crop(Tensor img, int top, int left, int h, int w, float fill) {
        int[] s = imageShape("crop", img);
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("crop: output size must be positive, got " + h + "x" + w);
        }
        int ih = s[s.length - 2];
        int iw = s[s.length - 1];
        int p = planes(s);
        float[] src = img.contiguousFloats();
        float[] out = new float[p * h * w];
        if (fill != 0) {
            Arrays.fill(out, fill);
        }
        int y0 = Math.max(0, -top);
        int y1 = Math.min(h, ih - top);
        int x0 = Math.max(0, -left);
        int x1 = Math.min(w, iw - left);
        if (x1 > x0) {
            for (int c = 0; c < p; c++) {
                for (int y = y0; y < y1; y++) {
                    System.arraycopy(src, c * ih * iw + (y + top) * iw + left + x0, out, c * h * w + y * w + x0, x1 - x0);
                }
            }
        }
        return Tensor.wrap(out, withHw(s, h, w));
    }

    /** Mirrors left-right. */
    public static Tensor hflip(Tensor img) {
        int[] s = imageShape("hflip", img);
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        int rows = planes(s) * h;
        float[] src = img.contiguousFloats();
        float[] out = new float[src.length];
        for (int r = 0; r < rows; r++) {
            int o = r * w;
            for (int x = 0; x < w; x++) {
                out[o + x] = src[o + w - 1 - x];
            }
        }
        return Tensor.wrap(out, s);
    }

    /**
     * Bilinear resize with half-pixel centres ({@code align_corners=False}). With antialias, when
     * shrinking the triangle filter is widened by the scale factor so every input pixel
     * contributes (as PIL and torchvision's {@code antialias=True}); when enlarging, and without
     * antialias, it is plain bilinear interpolation with edge clamping.
     */
    public static Tensor resize(Tensor img, int outH, int outW, boolean antialias) {
        int[] s = imageShape("resize", img);
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("resize: output size must be positive, got " + outH + "x" + outW
                    + " for input " + Arrays.toString(s));
        }
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        int p = planes(s);
        float[] src = img.contiguousFloats();
        Weights wx = Weights.of(w, outW, antialias);
        Weights wy = Weights.of(h, outH, antialias);
        // Horizontal pass: (P, H, W) -> (P, H, outW); vertical pass: -> (P, outH, outW).
        float[] tmp = new float[p * h * outW];
        for (int r = 0; r < p * h; r++) {
            int si = r * w;
            int oi = r * outW;
            for (int x = 0; x < outW; x++) {
                int start = wx.start[x];
                int base = x * wx.taps;
                float acc = 0;
                for (int k = 0; k < wx.count[x]; k++) {
                    acc += src[si + start + k] * wx.w[base + k];
                }
                tmp[oi + x] = acc;
            }
        }
        float[] out = new float[p * outH * outW];
        float[] row = new float[outW];
        for (int c = 0; c < p; c++) {
            int plane = c * h * outW;
            for (int y = 0; y < outH; y++) {
                Arrays.fill(row, 0f);
                int start = wy.start[y];
                int base = y * wy.taps;
                for (int k = 0; k < wy.count[y]; k++) {
                    float wk = wy.w[base + k];
                    int si = plane + (start + k) * outW;
                    for (int x = 0; x < outW; x++) {
                        row[x] += tmp[si + x] * wk;
                    }
                }
                System.arraycopy(row, 0, out, c * outH * outW + y * outW, outW);
            }
        }
        return Tensor.wrap(out, withHw(s, outH, outW));
    }

    /** Per output index: the first input index, the number of taps and their normalized weights. */
    private static final class Weights {
        final int[] start;
        final int[] count;
        final float[] w;
        final int taps;

        private Weights(int[] start, int[] count, float[] w, int taps) {
            this.start = start;
            this.count = count;
            this.w = w;
            this.taps = taps;
        }

        static Weights of(int in, int out, boolean antialias) {
            double scale = (double) in / out;
            double support = antialias && scale > 1 ? scale : 1.0; // half-width of the triangle, in input pixels
            int taps = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[out];
            int[] count = new int[out];
            float[] w = new float[out * taps];
            double[] tmp = new double[taps];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale; // in input coordinates where pixel j covers [j, j + 1)
                int lo = Math.max(0, (int) Math.floor(center - support));
                int hi = Math.min(in, (int) Math.ceil(center + support));
                double total = 0;
                int n = 0;
                for (int j = lo; j < hi && n < taps; j++) {
                    double d = Math.abs(j + 0.5 - center) / support;
                    double v = d < 1 ? 1 - d : 0;
                    tmp[n++] = v;
                    total += v;
                }
                // Trim zero weights at both ends so the inner loops stay short.
                int a = 0;
                while (a < n - 1 && tmp[a] == 0) {
                    a++;
                }
                int b = n;
                while (b > a + 1 && tmp[b - 1] == 0) {
                    b--;
                }
                start[i] = lo + a;
                count[i] = b - a;
                for (int k = a; k < b; k++) {
                    w[i * taps + k - a] = (float) (total > 0 ? tmp[k] / total : 0);
                }
                if (total == 0) {
                    // Only when in == 1 and the centre is at a pixel edge: take that pixel.
                    start[i] = Math.min(in - 1, Math.max(0, (int) center));
                    count[i] = 1;
                    w[i * taps] = 1f;
                }
            }
            return new Weights(start, count, w, taps);
        }
    }

    /**
     * Rotates counter-clockwise by {@code degrees} about the image centre, keeping the size;
     * bilinear sampling, {@code fill} outside the source (as torchvision's {@code rotate} with
     * bilinear interpolation and {@code expand=False}).
     */
    public static Tensor rotate(Tensor img, double degrees, float fill) {
        int[] s = imageShape("rotate", img);
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        int p = planes(s);
        float[] src = img.contiguousFloats();
        float[] out = new float[src.length];
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double cx = (w - 1) * 0.5;
        double cy = (h - 1) * 0.5;
        for (int y = 0; y < h; y++) {
            double dy = y - cy;
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                // Inverse map (image y points down): output (dx, dy) samples the source at R(-a)(dx, dy).
                double sx = cos * dx - sin * dy + cx;
                double sy = sin * dx + cos * dy + cy;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < p; c++) {
                    int base = c * h * w;
                    double v = 0;
                    double wIn = 0; // weight of in-bounds neighbours; the rest takes the fill value
                    for (int k = 0; k < 4; k++) {
                        int xx = x0 + (k & 1);
                        int yy = y0 + (k >> 1);
                        double wk = ((k & 1) == 1 ? fx : 1 - fx) * ((k >> 1) == 1 ? fy : 1 - fy);
                        if (xx >= 0 && xx < w && yy >= 0 && yy < h) {
                            v += wk * src[base + yy * w + xx];
                            wIn += wk;
                        }
                    }
                    out[base + y * w + x] = (float) (v + (1 - wIn) * fill);
                }
            }
        }
        return Tensor.wrap(out, s);
    }
}
