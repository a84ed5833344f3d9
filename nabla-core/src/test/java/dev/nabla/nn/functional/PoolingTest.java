package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.ValuesIndices;
import org.junit.jupiter.api.Test;

class PoolingTest {
    private final Generator gen = new Generator(11);

    /** Distinct values at least 0.1 apart, so finite differences never cross a max tie. */
    private Tensor spread(int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return Tensor.randperm(n, gen).toFloat().mul(0.1).sub(n * 0.05).reshape(shape).requiresGrad(true);
    }

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    private static final float[] GRID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void handComputedMaxPool() {
        Tensor x = Tensor.of(GRID, 1, 1, 4, 4).requiresGrad(true);
        ValuesIndices r = Pooling.maxPool2dWithIndices(x, new int[] {2}, null, null, null, false);
        assertArrayEquals(new float[] {6, 8, 14, 16}, r.values().toFloatArray());
        assertArrayEquals(new long[] {5, 7, 13, 15}, r.indices().toLongArray());
        r.values().sum().backward();
        float[] g = new float[16];
        g[5] = g[7] = g[13] = g[15] = 1;
        assertArrayEquals(g, x.grad().toFloatArray());
        // padding 1, stride 2, kernel 3: -inf padding never wins
        Tensor neg = Tensor.of(GRID, 1, 1, 4, 4).neg();
        assertArrayEquals(new float[] {-1, -2, -4, -5, -6, -8, -13, -14, -16},
                F.maxPool2d(neg, new int[] {3}, new int[] {2}, new int[] {1}, null, true).toFloatArray());
        // dilation 2: the window of output (0,0) is {1, 3, 9, 11}
        assertArrayEquals(new float[] {11, 12, 15, 16},
                F.maxPool2d(Tensor.of(GRID, 1, 4, 4), new int[] {2}, new int[] {1}, null, new int[] {2}, false)
                        .toFloatArray());
        // NaN propagates
        Tensor nan = Tensor.of(new float[] {1, Float.NaN, 3, 4}, 1, 1, 2, 2);
        assertTrue(Float.isNaN(F.maxPool2d(nan, 2).item()));
    }

    @Test
    void handComputedAvgPool() {
        Tensor x = Tensor.of(GRID, 1, 1, 4, 4);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, F.avgPool2d(x, 2).toFloatArray());
        // k3 s2 p1: top-left window holds {1,2,5,6} plus 5 pad cells
        Tensor inc = F.avgPool2d(x, new int[] {3}, new int[] {2}, new int[] {1}, false, true, null);
        assertEquals(14f / 9f, inc.getFloat(0, 0, 0, 0), 1e-6);
        Tensor exc = F.avgPool2d(x, new int[] {3}, new int[] {2}, new int[] {1}, false, false, null);
        assertEquals(14f / 4f, exc.getFloat(0, 0, 0, 0), 1e-6);
        Tensor div = F.avgPool2d(x, new int[] {3}, new int[] {2}, new int[] {1}, false, true, 2);
        assertEquals(7f, div.getFloat(0, 0, 0, 0), 1e-6);
        // ceil_mode on 5x5 with k2: last window holds only the border; count_include_pad does not count past the input
        Tensor five = Tensor.arange(25).toFloat().reshape(1, 1, 5, 5);
        Tensor c = F.avgPool2d(five, new int[] {2}, null, null, true, true, null);
        assertArrayEquals(new int[] {1, 1, 3, 3}, c.shape());
        assertEquals(24f, c.getFloat(0, 0, 2, 2), 1e-6);
        assertEquals((4 + 9) / 2f, c.getFloat(0, 0, 0, 2), 1e-6);
    }

    @Test
    void handComputedAdaptive() {
        // 5 -> 3: windows [0,2), [1,4), [3,5)
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 1, 1, 5);
        assertArrayEquals(new float[] {1.5f, 3f, 4.5f}, F.adaptiveAvgPool2d(x, 1, 3).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {2f, 4f, 5f}, F.adaptiveMaxPool2d(x, 1, 3).toFloatArray(), 1e-6f);
        assertEquals(8.5f, F.adaptiveAvgPool2d(Tensor.of(GRID, 1, 4, 4), 1, 1).item(), 1e-6);
        assertArrayEquals(new float[] {2f, 4f, 5f},
                F.adaptiveMaxPool1d(Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 5), 3).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {1.5f, 3f, 4.5f},
                Pooling.adaptiveAvgPool1d(Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 5), 3).toFloatArray(), 1e-6f);
    }

    @Test
    void maxPoolGradients() {
        GradCheck.check(in -> F.maxPool2d(in[0], 2), spread(2, 2, 4, 6));
        GradCheck.check(in -> F.maxPool2d(in[0], new int[] {3}, new int[] {2}, new int[] {1}, null, false),
                spread(1, 2, 7, 7));
        GradCheck.check(in -> F.maxPool2d(in[0], new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, null, true),
                spread(2, 1, 6, 5));
        GradCheck.check(in -> F.maxPool2d(in[0], new int[] {2}, new int[] {1}, new int[] {1}, new int[] {2}, true),
                spread(1, 2, 5, 5));
        GradCheck.check(in -> F.maxPool1d(in[0], 3, 2, 1, 1, true), spread(2, 3, 8));
        GradCheck.check(in -> F.adaptiveMaxPool2d(in[0], 3, 2), spread(2, 2, 7, 5));
    }

    @Test
    void avgPoolGradients() {
        GradCheck.check(in -> F.avgPool2d(in[0], 2), randn(2, 2, 4, 6));
        GradCheck.check(in -> F.avgPool2d(in[0], new int[] {3}, new int[] {2}, new int[] {1}, true, true, null),
                randn(1, 2, 6, 6));
        GradCheck.check(in -> F.avgPool2d(in[0], new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, true, false,
                null), randn(2, 1, 6, 5));
        GradCheck.check(in -> F.avgPool2d(in[0], new int[] {2}, new int[] {2}, new int[] {1}, false, true, 3),
                randn(1, 2, 5, 5));
        GradCheck.check(in -> F.avgPool1d(in[0], 3, 2, 1, true, false), randn(2, 3, 8));
        GradCheck.check(in -> F.adaptiveAvgPool2d(in[0], 3, 4), randn(2, 2, 7, 5));
        GradCheck.check(in -> F.adaptiveAvgPool2d(in[0], 1, 1), randn(1, 3, 4, 4));
    }

    @Test
    void edgeShapes() {
        // unbatched (C, H, W)
        Tensor x = spread(3, 4, 4);
        assertArrayEquals(new int[] {3, 2, 2}, F.maxPool2d(x, 2).shape());
        GradCheck.check(in -> F.avgPool2d(in[0], 2), x);
        // kernel equal to the input: global pooling
        Tensor g = spread(2, 3, 3, 5);
        Tensor gm = F.maxPool2d(g, new int[] {3, 5}, null, null, null, false);
        assertArrayEquals(new int[] {2, 3, 1, 1}, gm.shape());
        assertArrayEquals(g.amax(new int[] {2, 3}, true).toFloatArray(), gm.toFloatArray());
        assertArrayEquals(g.mean(new int[] {2, 3}, true).toFloatArray(),
                F.avgPool2d(g, new int[] {3, 5}, null, null, false, true, null).toFloatArray(), 1e-5f);
        // size-1 dims and adaptive output larger than the input (windows overlap)
        GradCheck.check(in -> F.adaptiveAvgPool2d(in[0], 3, 3), randn(1, 1, 1, 2));
        GradCheck.check(in -> F.maxPool2d(in[0], new int[] {1, 2}, null, null, null, false), spread(1, 1, 1, 4));
        // a permuted (non-contiguous) view pools like its contiguous copy
        Tensor nhwc = Tensor.randn(gen, 2, 6, 6, 3);
        Tensor view = nhwc.permute(0, 3, 1, 2);
        assertArrayEquals(F.maxPool2d(view.contiguousCopy(), 2).toFloatArray(), F.maxPool2d(view, 2).toFloatArray());
        assertArrayEquals(F.avgPool2d(view.contiguousCopy(), 3).toFloatArray(), F.avgPool2d(view, 3).toFloatArray());
    }

    @Test
    void errorsNameOpAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.maxPool2d(Tensor.zeros(1, 1, 4, 4), new int[] {2}, null, new int[] {2}, null, false));
        assertEquals("max_pool2d: padding [2, 2] should be at most half of kernel_size [2, 2] (input [1, 1, 4, 4])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.avgPool2d(Tensor.zeros(1, 1, 2, 2), 3));
        assertTrue(e.getMessage().startsWith("avg_pool2d: kernel 3"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 1, 2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.maxPool2d(Tensor.zeros(4, 4), 2));
        assertEquals("max_pool2d: expected 3-D (C, H, W) or 4-D (N, C, H, W) input, got [4, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.adaptiveAvgPool2d(Tensor.zeros(1, 2, 2), 0, 1));
        assertTrue(e.getMessage().startsWith("adaptive_avg_pool2d: output_size must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.avgPool2d(Tensor.zeros(1, 1, 4, 4), new int[] {2}, null, null, false, true, 0));
        assertTrue(e.getMessage().startsWith("avg_pool2d: divisor_override"), e.getMessage());
    }

    /**
     * The 2x2 stride-2 path against a plain loop of torch's rule (first maximum wins a tie, so -0 before
     * +0 stays -0; a NaN wins at the last NaN's index), on planes wider than a vector, odd widths included.
     */
    @Test
    void maxPool2x2MatchesWindowRuleWithTiesAndNaNs() {
        // 41 wide: one whole vector of windows and a masked tail; 128: whole vectors only; 70: two whole
        // 16-lane vectors and a tail of 3; 28, 14 and 3: rows narrower than a vector (the bench convnet's
        // planes), the last rows' masked loads ending at the array's end
        maxPool2x2MatchesWindowRule(7, 41);
        maxPool2x2MatchesWindowRule(4, 128);
        maxPool2x2MatchesWindowRule(5, 70);
        maxPool2x2MatchesWindowRule(28, 28);
        maxPool2x2MatchesWindowRule(14, 14);
        maxPool2x2MatchesWindowRule(6, 3);
    }

    private static void maxPool2x2MatchesWindowRule(int h, int w) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5 + w);
        int n = 2, c = 3, oh = h / 2, ow = w / 2;
        float[] x = new float[n * c * h * w];
        float[] pick = {0f, -0f, 1f, -1f, Float.NaN, 2f};
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(8) < 6 ? pick[rnd.nextInt(pick.length)] : (float) rnd.nextGaussian();
        }
        ValuesIndices r = Pooling.maxPool2dWithIndices(Tensor.of(x, n, c, h, w), new int[] {2}, null, null, null, false);
        float[] got = r.values().toFloatArray();
        long[] idx = r.indices().toLongArray();
        float[] valuesOnly;   // without grad or indices the kernel skips the index work
        try (var ng = dev.nabla.autograd.GradMode.noGrad()) {
            valuesOnly = F.maxPool2d(Tensor.of(x, n, c, h, w), 2).toFloatArray();
        }
        for (int q = 0; q < n * c; q++) {
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++) {
                    int bestAt = 2 * y * w + 2 * xo;
                    float best = x[q * h * w + bestAt];
                    for (int at : new int[] {bestAt + 1, bestAt + w, bestAt + w + 1}) {
                        float v = x[q * h * w + at];
                        if (v > best || Float.isNaN(v)) {
                            best = v;
                            bestAt = at;
                        }
                    }
                    int o = (q * oh + y) * ow + xo;
                    assertEquals(Float.floatToIntBits(best), Float.floatToIntBits(got[o]), "value at " + o);
                    assertEquals(bestAt, idx[o], "index at " + o);
                    assertEquals(Float.floatToIntBits(best), Float.floatToIntBits(valuesOnly[o]), "value only at " + o);
                }
            }
        }
    }
}
