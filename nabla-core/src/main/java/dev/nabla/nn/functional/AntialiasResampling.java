package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;

/**
 * interpolate(..., antialias=True) for bilinear and bicubic 4-D input, as PyTorch's separable
 * anti-aliased kernels: when shrinking by a factor s the triangle (or a = -0.5 cubic) filter is
 * stretched by s, so every input pixel under it contributes; weights per output are normalised
 * to sum 1. Each axis is one (out, in) weight matrix, applied as out = Wh x Ww^T (autograd through
 * the matmuls).
 *
 * <pre>{@code
 * Tensor small = AntialiasResampling.resize(img, 3, 4, Double.NaN, Double.NaN, false, false);
 * }</pre>
 */
final class AntialiasResampling {
    private AntialiasResampling() {
    }

    /**
     * @param input  (N, C, H, W)
     * @param scaleH the user's scale_factor for H, or NaN when a size was given (likewise scaleW)
     */
    static Tensor resize(Tensor input, int oh, int ow, double scaleH, double scaleW, boolean alignCorners,
                         boolean cubic) {
        int h = input.size(2);
        int w = input.size(3);
        Tensor wh = weights(h, oh, ratio(h, oh, scaleH, alignCorners), cubic);       // (oh, H)
        Tensor ww = weights(w, ow, ratio(w, ow, scaleW, alignCorners), cubic);       // (ow, W)
        return wh.matmul(input.matmul(ww.t()));
    }

    /** torch's area_pixel_compute_scale: input pixels per output pixel. */
    private static double ratio(int in, int out, double scale, boolean alignCorners) {
        if (alignCorners) {
            return out > 1 ? (double) (in - 1) / (out - 1) : 0.0;
        }
        return !Double.isNaN(scale) ? 1.0 / scale : (double) in / out;
    }

    private static Tensor weights(int in, int out, double scale, boolean cubic) {
        double interpSize = cubic ? 4 : 2;
        double support = scale >= 1.0 ? interpSize * 0.5 * scale : interpSize * 0.5;
        double invScale = scale >= 1.0 ? 1.0 / scale : 1.0;
        float[] m = new float[out * in];
        double[] row = new double[in];
        for (int i = 0; i < out; i++) {
            double center = scale * (i + 0.5);
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), in);
            double total = 0;
            for (int j = xmin; j < xmax; j++) {
                double v = filter((j - center + 0.5) * invScale, cubic);
                row[j] = v;
                total += v;
            }
            for (int j = xmin; j < xmax; j++) {
                m[i * in + j] = (float) (total != 0 ? row[j] / total : row[j]);
            }
        }
        return Tensor.of(m, out, in);
    }

    private static double filter(double x, boolean cubic) {
        double t = Math.abs(x);
        if (!cubic) {
            return t < 1 ? 1 - t : 0;
        }
        double a = -0.5;
        if (t < 1) {
            return ((a + 2) * t - (a + 3)) * t * t + 1;
        }
        if (t < 2) {
            return (((t - 5) * t + 8) * t - 4) * a;
        }
        return 0;
    }
}
