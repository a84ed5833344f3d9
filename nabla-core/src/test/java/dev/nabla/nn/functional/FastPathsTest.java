package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.ValuesIndices;
import org.junit.jupiter.api.Test;

/**
 * The clipped-window and 2x2 max-pool paths and the channel-parallel batch norm against plain
 * reference loops, on inputs big enough to be split over threads, with NaNs and ties.
 */
class FastPathsTest {
    @Test
    void maxPoolMatchesNaiveLoopsWithNaNsAndTies() {
        Generator g = new Generator(11);
        int n = 3;
        int c = 40;
        int h = 13;
        int w = 12;
        float[] x = Tensor.randn(g, n, c, h, w).toFloatArray();
        for (int i = 0; i < x.length; i += 37) {
            x[i] = Float.NaN;
        }
        for (int i = 5; i < x.length; i += 11) {
            x[i] = 0.5f;   // ties: the first in window order wins
        }
        Tensor input = Tensor.of(x, n, c, h, w);
        int[][][] configs = {
            {{2, 2}, {2, 2}, {0, 0}, {1, 1}},
            {{3, 3}, {2, 2}, {1, 1}, {1, 1}},
            {{3, 2}, {1, 2}, {1, 0}, {2, 1}},
            {{2, 2}, {2, 2}, {1, 1}, {1, 1}},
        };
        for (int[][] cf : configs) {
            for (boolean ceil : new boolean[] {false, true}) {
                ValuesIndices r = Pooling.maxPool2dWithIndices(input, cf[0], cf[1], cf[2], cf[3], ceil);
                int oh = r.values().size(2);
                int ow = r.values().size(3);
                float[] vals = r.values().toFloatArray();
                long[] idx = r.indices().toLongArray();
                for (int q = 0; q < n * c; q++) {
                    for (int y = 0; y < oh; y++) {
                        for (int xo = 0; xo < ow; xo++) {
                            float best = Float.NEGATIVE_INFINITY;
                            int at = -1;
                            for (int ki = 0; ki < cf[0][0]; ki++) {
                                for (int kj = 0; kj < cf[0][1]; kj++) {
                                    int ih = y * cf[1][0] - cf[2][0] + ki * cf[3][0];
                                    int iw = xo * cf[1][1] - cf[2][1] + kj * cf[3][1];
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                                        continue;
                                    }
                                    float v = x[q * h * w + ih * w + iw];
                                    if (at < 0 || v > best || Float.isNaN(v)) {
                                        best = v;
                                        at = ih * w + iw;
                                    }
                                }
                            }
                            int o = (q * oh + y) * ow + xo;
                            assertEquals(best, vals[o], 0f, "value at " + o);
                            assertEquals(at, idx[o], "index at " + o);
                        }
                    }
                }
                // values-only path agrees with the indexed one
                assertArrayEquals(vals, F.maxPool2d(input, cf[0], cf[1], cf[2], cf[3], ceil).toFloatArray(), 0f);
            }
        }
    }

    @Test
    void batchNormOnManyChannelsMatchesTensorFormula() {
        Generator g = new Generator(5);
        Tensor x = Tensor.randn(g, 6, 24, 15, 17).mul(3.0).add(1.0).requiresGrad(true);
        Tensor wt = Tensor.randn(g, 24).requiresGrad(true);
        Tensor b = Tensor.randn(g, 24).requiresGrad(true);
        Tensor up = Tensor.randn(g, 6, 24, 15, 17);
        F.batchNorm(x, null, null, wt, b, true, 0.1, 1e-5).mul(up).sum().backward();
        float[] gx = x.grad().toFloatArray();
        float[] gw = wt.grad().toFloatArray();
        float[] gb = b.grad().toFloatArray();
        x.setGrad(null);
        wt.setGrad(null);
        b.setGrad(null);
        Tensor mean = x.mean(new int[] {0, 2, 3}, true);
        Tensor var = x.sub(mean).pow(2).mean(new int[] {0, 2, 3}, true);
        Tensor ref = x.sub(mean).div(var.add(1e-5).sqrt()).mul(wt.reshape(1, 24, 1, 1)).add(b.reshape(1, 24, 1, 1));
        assertArrayEquals(ref.toFloatArray(), F.batchNorm(x, null, null, wt, b, true, 0.1, 1e-5).toFloatArray(), 2e-5f);
        ref.mul(up).sum().backward();
        assertArrayEquals(x.grad().toFloatArray(), gx, 2e-4f);
        assertArrayEquals(wt.grad().toFloatArray(), gw, 2e-2f);
        assertArrayEquals(b.grad().toFloatArray(), gb, 2e-3f);
    }

    @Test
    void layerNormOnManyRowsMatchesTensorFormula() {
        Generator g = new Generator(8);
        Tensor x = Tensor.randn(g, 40, 33, 130).mul(2.0).add(0.5).requiresGrad(true);
        Tensor wt = Tensor.randn(g, 130).requiresGrad(true);
        Tensor b = Tensor.randn(g, 130).requiresGrad(true);
        Tensor up = Tensor.randn(g, 40, 33, 130);
        F.layerNorm(x, new int[] {130}, wt, b, 1e-5).mul(up).sum().backward();
        float[] gx = x.grad().toFloatArray();
        float[] gw = wt.grad().toFloatArray();
        float[] gb = b.grad().toFloatArray();
        x.setGrad(null);
        wt.setGrad(null);
        b.setGrad(null);
        Tensor mean = x.mean(new int[] {2}, true);
        Tensor var = x.sub(mean).pow(2).mean(new int[] {2}, true);
        Tensor ref = x.sub(mean).div(var.add(1e-5).sqrt()).mul(wt).add(b);
        assertArrayEquals(ref.toFloatArray(), F.layerNorm(x, new int[] {130}, wt, b, 1e-5).toFloatArray(), 2e-5f);
        ref.mul(up).sum().backward();
        assertArrayEquals(x.grad().toFloatArray(), gx, 2e-4f);
        assertArrayEquals(wt.grad().toFloatArray(), gw, 2e-2f);
        assertArrayEquals(b.grad().toFloatArray(), gb, 2e-2f);
    }

    @Test
    void crossEntropyOverManyPixelsMatchesLogSoftmaxComposition() {
        Generator g = new Generator(12);
        int c = 7;
        Tensor x = Tensor.randn(g, 3, c, 24, 20).mul(3.0).requiresGrad(true);
        Tensor target = Tensor.randint(0, c, g, 3, 24, 20);
        long[] t = target.toLongArray();
        for (int i = 0; i < t.length; i += 13) {
            t[i] = -100;   // ignored pixels
        }
        target = Tensor.ofLongs(t, 3, 24, 20);
        Tensor weight = Tensor.rand(g, c).add(0.5);
        Tensor loss = F.crossEntropy(x, target, weight, -100, Reduction.MEAN, 0.0);
        loss.backward();
        float[] gx = x.grad().toFloatArray();
        x.setGrad(null);
        // reference: -sum_i w[t_i] logp[i, t_i] / sum_i w[t_i] over non-ignored pixels, by tensor ops
        Tensor logp = x.logSoftmax(1);
        float[] lp = logp.detach().permute(0, 2, 3, 1).contiguousCopy().toFloatArray();
        float[] wv = weight.toFloatArray();
        double num = 0;
        double den = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] != -100) {
                num -= wv[(int) t[i]] * lp[i * c + (int) t[i]];
                den += wv[(int) t[i]];
            }
        }
        assertEquals(num / den, loss.item(), 1e-5);
        float[] mask = new float[t.length * c];
        for (int i = 0; i < t.length; i++) {
            if (t[i] != -100) {
                mask[i * c + (int) t[i]] = (float) (-wv[(int) t[i]] / den);
            }
        }
        Tensor sel = Tensor.of(mask, 3, 24, 20, c).permute(0, 3, 1, 2);
        logp.mul(sel).sum().backward();
        assertArrayEquals(x.grad().toFloatArray(), gx, 1e-6f);
    }

    /**
     * The (N, C, S) plane path of cross_entropy against the row path on the same scores moved to
     * (N*S, C) rows: every reduction, weights, label smoothing, ignored pixels (one with an infinite
     * score), spatial sizes below, at and past the vector width, 1-d and 2-d positions.
     */
    @Test
    void crossEntropyPlanePathMatchesRowPath() {
        Generator g = new Generator(31);
        int[][] spatial = {{1}, {5}, {16}, {3, 7}, {9, 130}};
        for (int[] sp : spatial) {
            for (Reduction red : Reduction.values()) {
                if (red == Reduction.BATCHMEAN) {
                    continue;
                }
                for (double ls : new double[] {0.0, 0.2}) {
                    for (boolean weighted : new boolean[] {false, true}) {
                        int n = 2;
                        int c = 5;
                        int s = 1;
                        for (int d : sp) {
                            s *= d;
                        }
                        int[] xShape = new int[2 + sp.length];
                        int[] tShape = new int[1 + sp.length];
                        xShape[0] = n;
                        xShape[1] = c;
                        tShape[0] = n;
                        for (int i = 0; i < sp.length; i++) {
                            xShape[2 + i] = sp[i];
                            tShape[1 + i] = sp[i];
                        }
                        float[] xv = Tensor.randn(g, xShape).mul(4.0).toFloatArray();
                        long[] t = Tensor.randint(0, c, g, tShape).toLongArray();
                        t[t.length - 1] = -100;
                        xv[(n - 1) * c * s + s - 1] = Float.POSITIVE_INFINITY;   // in the ignored pixel
                        Tensor target = Tensor.ofLongs(t, tShape);
                        Tensor weight = weighted ? Tensor.rand(g, c).add(0.5) : null;
                        String what = java.util.Arrays.toString(sp) + " " + red + " ls=" + ls + " w=" + weighted;

                        Tensor x = Tensor.of(xv, xShape).requiresGrad(true);
                        Tensor loss = F.crossEntropy(x, target, weight, -100, red, ls);
                        Tensor up = Tensor.rand(g, loss.shape());
                        loss.mul(up).sum().backward();

                        // rows: (N, C, S) -> (N, S, C) -> (N*S, C), the reference path
                        Tensor xr = Tensor.of(xv, xShape).requiresGrad(true);
                        Tensor rows = xr.reshape(n, c, s).permute(0, 2, 1).reshape(n * s, c);
                        Tensor ref = F.crossEntropy(rows, target.reshape(n * s), weight, -100, red, ls);
                        if (red == Reduction.NONE) {
                            ref = ref.reshape(tShape);
                        }
                        ref.mul(up).sum().backward();

                        assertArrayEquals(ref.toFloatArray(), loss.toFloatArray(), 2e-5f, what);
                        assertArrayEquals(xr.grad().toFloatArray(), x.grad().toFloatArray(), 2e-6f, what);
                        // the ignored pixel's gradient is exactly 0, its infinite score notwithstanding
                        float[] gx = x.grad().toFloatArray();
                        for (int j = 0; j < c; j++) {
                            assertEquals(0f, gx[(n - 1) * c * s + j * s + s - 1], what);
                        }
                    }
                }
            }
        }
    }
}
