package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * conv_transpose2d through the patch path (kernel = stride, no padding, dilation 1, one group) and the
 * geometries next to it that must keep the col2im path, all against loops written from the definition:
 * output, input gradient and weight gradient, with output_padding, bias, odd batch sizes (images split
 * over threads unevenly, and a single image) and a non-contiguous input.
 */
class PatchConvTransposeTest {
    private final Generator gen = new Generator(11);

    /** out[n, g*fg + fo, i*s - p + a*d, j*s - p + b*d] += x[n, ci, i, j] * w[ci, fo, a, b] (ci in group g). */
    static float[] naive(float[] x, int n, int cin, int h, int w, float[] wt, int fg, int kh, int kw, float[] bias,
                         int[] s, int[] p, int[] op, int[] d, int groups, int[] outHw) {
        int oh = (h - 1) * s[0] - 2 * p[0] + d[0] * (kh - 1) + op[0] + 1;
        int ow = (w - 1) * s[1] - 2 * p[1] + d[1] * (kw - 1) + op[1] + 1;
        outHw[0] = oh;
        outHw[1] = ow;
        int f = fg * groups;
        int cg = cin / groups;
        double[] acc = new double[n * f * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int ci = 0; ci < cin; ci++) {
                int grp = ci / cg;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double xv = x[((b * cin + ci) * h + i) * w + j];
                        for (int fo = 0; fo < fg; fo++) {
                            for (int a = 0; a < kh; a++) {
                                for (int bb = 0; bb < kw; bb++) {
                                    int y = i * s[0] - p[0] + a * d[0];
                                    int xo = j * s[1] - p[1] + bb * d[1];
                                    if (y >= 0 && y < oh && xo >= 0 && xo < ow) {
                                        acc[((b * f + grp * fg + fo) * oh + y) * ow + xo] +=
                                                xv * wt[((ci * fg + fo) * kh + a) * kw + bb];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] out = new float[acc.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (acc[i] + (bias == null ? 0 : bias[(i / (oh * ow)) % f]));
        }
        return out;
    }

    /**
     * Checks value and the gradients of sum(conv_transpose2d(x, w, b) * up) against {@link #naive} and the
     * adjoint of its loops.
     */
    private void check(int n, int cin, int h, int w, int fg, int kh, int kw, int[] s, int[] p, int[] op, int[] d,
                       int groups, boolean bias, boolean transposedInput) {
        String what = "n=" + n + " cin=" + cin + " " + h + "x" + w + " fg=" + fg + " k=" + kh + "x" + kw
                + " s=" + Arrays.toString(s) + " p=" + Arrays.toString(p) + " op=" + Arrays.toString(op)
                + " d=" + Arrays.toString(d) + " groups=" + groups;
        Tensor x = transposedInput
                ? Tensor.randn(gen, n, cin, w, h).transpose(2, 3).requiresGrad(true)
                : Tensor.randn(gen, n, cin, h, w).requiresGrad(true);
        Tensor wt = Tensor.randn(gen, cin, fg, kh, kw).requiresGrad(true);
        Tensor b = bias ? Tensor.randn(gen, fg * groups).requiresGrad(true) : null;
        Tensor y = F.convTranspose2d(x, wt, b, s, p, op, groups, d);
        int[] ohw = new int[2];
        float[] xv = x.detach().contiguousCopy().toFloatArray();
        float[] wv = wt.detach().toFloatArray();
        float[] expected = naive(xv, n, cin, h, w, wv, fg, kh, kw, bias ? b.detach().toFloatArray() : null, s, p, op,
                d, groups, ohw);
        assertArrayEquals(new int[] {n, fg * groups, ohw[0], ohw[1]}, y.shape(), what);
        assertArrayEquals(expected, y.toFloatArray(), 1e-4f, what);

        Tensor up = Tensor.randn(gen, y.shape());
        y.mul(up).sum().backward();
        // the adjoint of the same loops: d sum(out * up) / d x and / d w
        float[] u = up.toFloatArray();
        double[] gx = new double[xv.length];
        double[] gw = new double[wv.length];
        int f = fg * groups;
        int cg = cin / groups;
        for (int bi = 0; bi < n; bi++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        int xi = ((bi * cin + ci) * h + i) * w + j;
                        for (int fo = 0; fo < fg; fo++) {
                            for (int a = 0; a < kh; a++) {
                                for (int bb = 0; bb < kw; bb++) {
                                    int yy = i * s[0] - p[0] + a * d[0];
                                    int xo = j * s[1] - p[1] + bb * d[1];
                                    if (yy >= 0 && yy < ohw[0] && xo >= 0 && xo < ohw[1]) {
                                        int wi = ((ci * fg + fo) * kh + a) * kw + bb;
                                        double uv = u[((bi * f + ci / cg * fg + fo) * ohw[0] + yy) * ohw[1] + xo];
                                        gx[xi] += uv * wv[wi];
                                        gw[wi] += uv * xv[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertArrayEquals(toFloats(gx), x.grad().contiguousCopy().toFloatArray(), 1e-4f, what + " input grad");
        assertArrayEquals(toFloats(gw), wt.grad().toFloatArray(), 2e-4f, what + " weight grad");
        if (bias) {
            double[] gb = new double[fg * groups];
            int plane = ohw[0] * ohw[1];
            for (int i = 0; i < u.length; i++) {
                gb[(i / plane) % (fg * groups)] += u[i];
            }
            // float sums over up to 34K terms of size ~1
            assertArrayEquals(toFloats(gb), b.grad().toFloatArray(), 2e-3f, what + " bias grad");
        }
    }

    private static float[] toFloats(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    private static int[] v(int... a) {
        return a;
    }

    @Test
    void patchPathMatchesDefinition() {
        // 2x2 stride 2 (segnet's decoder), odd batch, bias, both output paddings
        check(3, 5, 4, 3, 6, 2, 2, v(2, 2), v(0, 0), v(0, 0), v(1, 1), 1, true, false);
        check(3, 5, 4, 3, 6, 2, 2, v(2, 2), v(0, 0), v(1, 0), v(1, 1), 1, true, false);
        check(1, 4, 3, 5, 3, 2, 2, v(2, 2), v(0, 0), v(0, 1), v(1, 1), 1, true, false);
        // unequal kernel = stride, no bias, non-contiguous input, a batch of 5 over the threads
        check(5, 3, 3, 4, 2, 3, 2, v(3, 2), v(0, 0), v(2, 1), v(1, 1), 1, false, true);
        // 1x1 stride 1: a pointwise transposed conv
        check(2, 4, 3, 3, 5, 1, 1, v(1, 1), v(0, 0), v(0, 0), v(1, 1), 1, true, false);
        // large enough that the images really are split over the threads (past the serial threshold)
        check(3, 8, 17, 19, 16, 2, 2, v(2, 2), v(0, 0), v(1, 1), v(1, 1), 1, true, false);
        // wide images: the GEMM runs in bands of 15 image rows (64 x 15*130 floats), the last one partial
        check(2, 4, 33, 130, 16, 2, 2, v(2, 2), v(0, 0), v(1, 1), v(1, 1), 1, true, false);
        check(2, 4, 33, 130, 16, 3, 1, v(3, 1), v(0, 0), v(0, 0), v(1, 1), 1, false, true);
    }

    @Test
    void neighbouringGeometriesKeepTheGeneralPath() {
        assertTrue(PatchConvTranspose.applies(2, 2, v(2, 2), v(0, 0), v(1, 1), 1));
        // padding, kernel != stride, groups, dilation: patches overlap or are cropped -> col2im path
        assertFalse(PatchConvTranspose.applies(2, 2, v(2, 2), v(1, 0), v(1, 1), 1));
        assertFalse(PatchConvTranspose.applies(3, 3, v(2, 2), v(0, 0), v(1, 1), 1));
        assertFalse(PatchConvTranspose.applies(2, 2, v(2, 2), v(0, 0), v(1, 1), 2));
        assertFalse(PatchConvTranspose.applies(2, 2, v(2, 2), v(0, 0), v(2, 1), 1));
        check(2, 4, 3, 3, 3, 2, 2, v(2, 2), v(1, 0), v(1, 0), v(1, 1), 1, true, false);
        check(2, 3, 4, 3, 2, 3, 3, v(2, 2), v(0, 0), v(1, 1), v(1, 1), 1, true, false);
        check(2, 4, 3, 3, 3, 2, 2, v(2, 2), v(0, 0), v(0, 0), v(1, 1), 2, true, false);
        check(2, 3, 3, 4, 2, 2, 2, v(2, 2), v(0, 0), v(1, 0), v(2, 2), 1, false, false);
    }

    @Test
    void gradientsOnlyWhereAsked() {
        Tensor x = Tensor.randn(gen, 2, 3, 4, 4);
        Tensor w = Tensor.randn(gen, 3, 2, 2, 2).requiresGrad(true);
        Tensor y = F.convTranspose2d(x, w, null, 2, 0);
        y.sum().backward();
        assertNull(x.grad());
        // d sum / d w[ci, fo, a, b] = sum over images and pixels of x[., ci, ., .]
        float[] xs = x.sum(new int[] {0, 2, 3}, false).toFloatArray();
        float[] gw = w.grad().toFloatArray();
        for (int i = 0; i < gw.length; i++) {
            assertEquals(xs[i / 8], gw[i], 1e-4f);
        }
    }
}
