package dev.nabla.kernel;

/**
 * Plain-loop 2-d convolution (groups = 1, dilation = 1): the reference that {@link Conv2dKernels} is
 * tested against. Layouts are PyTorch's: input (N, C, H, W), weight (F, C, KH, KW), output
 * (N, F, OH, OW) with OH = (H + 2*ph - KH) / sh + 1. Every output array is overwritten.
 */
public final class Conv2dScalar {
    private Conv2dScalar() {
    }

    /** out = conv2d(x, weight) + bias (bias may be null). */
    public static void forward(float[] x, int xOff, int n, int c, int h, int w,
                               float[] wt, int wOff, int f, int kh, int kw, float[] bias, int bOff,
                               int sh, int sw, int ph, int pw, float[] out, int oOff) {
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * pw - kw) / sw + 1;
        for (int ni = 0; ni < n; ni++) {
            for (int fo = 0; fo < f; fo++) {
                float b0 = bias == null ? 0f : bias[bOff + fo];
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++) {
                        double s = 0;
                        for (int ci = 0; ci < c; ci++) {
                            for (int r = 0; r < kh; r++) {
                                int iy = y * sh - ph + r;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int q = 0; q < kw; q++) {
                                    int ix = xo * sw - pw + q;
                                    if (ix < 0 || ix >= w) {
                                        continue;
                                    }
                                    s += (double) x[xOff + ((ni * c + ci) * h + iy) * w + ix]
                                            * wt[wOff + ((fo * c + ci) * kh + r) * kw + q];
                                }
                            }
                        }
                        out[oOff + ((ni * f + fo) * oh + y) * ow + xo] = (float) s + b0;
                    }
                }
            }
        }
    }

    /** gx = gradient of conv2d with respect to its input, given gy (N, F, OH, OW). */
    public static void backwardInput(float[] gy, int gyOff, float[] wt, int wOff, int n, int c, int h, int w,
                                     int f, int kh, int kw, int sh, int sw, int ph, int pw, float[] gx, int gxOff) {
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * pw - kw) / sw + 1;
        java.util.Arrays.fill(gx, gxOff, gxOff + n * c * h * w, 0f);
        for (int ni = 0; ni < n; ni++) {
            for (int fo = 0; fo < f; fo++) {
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++) {
                        float g = gy[gyOff + ((ni * f + fo) * oh + y) * ow + xo];
                        for (int ci = 0; ci < c; ci++) {
                            for (int r = 0; r < kh; r++) {
                                int iy = y * sh - ph + r;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int q = 0; q < kw; q++) {
                                    int ix = xo * sw - pw + q;
                                    if (ix >= 0 && ix < w) {
                                        gx[gxOff + ((ni * c + ci) * h + iy) * w + ix] +=
                                                g * wt[wOff + ((fo * c + ci) * kh + r) * kw + q];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** gw = gradient of conv2d with respect to its weight (F, C, KH, KW), given gy and the input x. */
    public static void backwardWeight(float[] gy, int gyOff, float[] x, int xOff, int n, int c, int h, int w,
                                      int f, int kh, int kw, int sh, int sw, int ph, int pw, float[] gw, int gwOff) {
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * pw - kw) / sw + 1;
        for (int fo = 0; fo < f; fo++) {
            for (int ci = 0; ci < c; ci++) {
                for (int r = 0; r < kh; r++) {
                    for (int q = 0; q < kw; q++) {
                        double s = 0;
                        for (int ni = 0; ni < n; ni++) {
                            for (int y = 0; y < oh; y++) {
                                int iy = y * sh - ph + r;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int xo = 0; xo < ow; xo++) {
                                    int ix = xo * sw - pw + q;
                                    if (ix >= 0 && ix < w) {
                                        s += (double) gy[gyOff + ((ni * f + fo) * oh + y) * ow + xo]
                                                * x[xOff + ((ni * c + ci) * h + iy) * w + ix];
                                    }
                                }
                            }
                        }
                        gw[gwOff + ((fo * c + ci) * kh + r) * kw + q] = (float) s;
                    }
                }
            }
        }
    }
}
