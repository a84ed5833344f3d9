package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConvolutionTest {
    private final Generator gen = new Generator(7);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape);
    }

    private static Tensor grad(Tensor t) {
        return t.requiresGrad(true);
    }

    /** Direct (no im2col) conv2d, written from the definition, to check the GEMM path against. */
    static float[] naiveConv2d(Tensor x, Tensor w, Tensor b, int[] s, int[] p, int[] d, int groups) {
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
        int f = w.size(0), kh = w.size(2), kw = w.size(3);
        int oh = (h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1;
        int ow = (wd + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1;
        int cg = c / groups, fg = f / groups;
        float[] out = new float[n * f * oh * ow];
        for (int bi = 0; bi < n; bi++) {
            for (int fo = 0; fo < f; fo++) {
                int grp = fo / fg;
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++) {
                        double acc = b == null ? 0 : b.getFloat(fo);
                        for (int ci = 0; ci < cg; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = y * s[0] - p[0] + i * d[0];
                                    int iw = xo * s[1] - p[1] + j * d[1];
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        acc += x.getFloat(bi, grp * cg + ci, ih, iw) * w.getFloat(fo, ci, i, j);
                                    }
                                }
                            }
                        }
                        out[((bi * f + fo) * oh + y) * ow + xo] = (float) acc;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void handComputedConv2d() {
        // 1x1x3x3 input 1..9, 2x2 kernel of ones, bias 0.5: each output is the sum of a 2x2 window + 0.5.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor w = Tensor.ones(1, 1, 2, 2);
        Tensor b = Tensor.of(new float[] {0.5f}, 1);
        Tensor y = F.conv2d(x, w, b);
        assertArrayEquals(new int[] {1, 1, 2, 2}, y.shape());
        assertArrayEquals(new float[] {12.5f, 16.5f, 24.5f, 28.5f}, y.toFloatArray(), 1e-6f);
        // padding 1, stride 2: corners see only the image corners' 2x2 blocks
        Tensor y2 = F.conv2d(x, w, null, 2, 1);
        assertArrayEquals(new float[] {1, 2 + 3, 4 + 7, 5 + 6 + 8 + 9}, y2.toFloatArray(), 1e-6f);
    }

    @Test
    void handComputedConv1dAndTranspose() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4);
        Tensor w = Tensor.of(new float[] {1, -1}, 1, 1, 2);
        assertArrayEquals(new float[] {-1, -1, -1}, F.conv1d(x, w, null).toFloatArray(), 1e-6f);
        // transposed conv with stride 2 scatters each input times the kernel: [1*k, 2*k] interleaved
        Tensor xt = Tensor.of(new float[] {1, 2}, 1, 1, 1, 2);
        Tensor wt = Tensor.of(new float[] {1, 10}, 1, 1, 1, 2);
        Tensor yt = F.convTranspose2d(xt, wt, null, 2, 0);
        assertArrayEquals(new float[] {1, 10, 2, 20}, yt.toFloatArray(), 1e-6f);
        // stride 1: overlapping taps add up
        Tensor y1 = F.convTranspose2d(xt, wt, Tensor.of(new float[] {0.5f}, 1), 1, 0);
        assertArrayEquals(new float[] {1.5f, 12.5f, 20.5f}, y1.toFloatArray(), 1e-6f);
    }

    @Test
    void matchesDirectConvolutionOverOptions() {
        int[][] opts = { // stride h, stride w, pad h, pad w, dil h, dil w, groups
            {1, 1, 0, 0, 1, 1, 1}, {2, 2, 1, 1, 1, 1, 1}, {1, 2, 2, 0, 2, 1, 1}, {1, 1, 1, 1, 1, 1, 2},
            {3, 1, 0, 2, 1, 2, 4}, {1, 1, 0, 0, 1, 1, 4}};
        for (int[] o : opts) {
            Tensor x = randn(2, 4, 7, 6);
            Tensor w = randn(8, 4 / o[6], 3, 2);
            Tensor b = randn(8);
            int[] s = {o[0], o[1]}, p = {o[2], o[3]}, d = {o[4], o[5]};
            Tensor y = F.conv2d(x, w, b, s, p, d, o[6]);
            assertArrayEquals(naiveConv2d(x, w, b, s, p, d, o[6]), y.toFloatArray(), 1e-4f,
                    java.util.Arrays.toString(o));
        }
    }

    @Test
    void batchesSpanningSeveralGemmChunks() {
        // 30x30 outputs put two samples in one GEMM, so a batch of 5 runs as chunks of 2, 2 and 1
        Tensor x = randn(5, 2, 30, 30);
        Tensor w = randn(4, 1, 3, 3);
        Tensor b = randn(4);
        int[] s = {1, 1}, p = {1, 1}, d = {1, 1};
        Tensor xl = x.detach().requiresGrad(true);
        Tensor wl = w.detach().requiresGrad(true);
        Tensor y = F.conv2d(xl, wl, b, s, p, d, 2);
        assertArrayEquals(naiveConv2d(x, w, b, s, p, d, 2), y.toFloatArray(), 1e-4f);
        Tensor gy = randn(y.shape());
        y.backward(gy);
        // the same gradients, one sample at a time
        Tensor wSum = Tensor.zeros(w.shape());
        for (int i = 0; i < 5; i++) {
            Tensor xi = x.narrow(0, i, 1).contiguousCopy().requiresGrad(true);
            Tensor wi = w.detach().requiresGrad(true);
            F.conv2d(xi, wi, b, s, p, d, 2).backward(gy.narrow(0, i, 1).contiguousCopy());
            assertArrayEquals(xi.grad().toFloatArray(), xl.grad().narrow(0, i, 1).toFloatArray(), 1e-4f);
            wSum = wSum.add(wi.grad());
        }
        assertArrayEquals(wSum.toFloatArray(), wl.grad().toFloatArray(), 1e-3f);
    }

    @Test
    void conv2dGradients() {
        GradCheck.check(in -> F.conv2d(in[0], in[1], in[2]), grad(randn(2, 3, 5, 5)), grad(randn(4, 3, 3, 3)),
                grad(randn(4)));
        GradCheck.check(in -> F.conv2d(in[0], in[1], in[2], new int[] {2, 1}, new int[] {1, 2}, new int[] {1, 1}, 1),
                grad(randn(2, 2, 6, 5)), grad(randn(3, 2, 3, 3)), grad(randn(3)));
        GradCheck.check(in -> F.conv2d(in[0], in[1], null, new int[] {1}, new int[] {2}, new int[] {2}, 1),
                grad(randn(1, 2, 5, 5)), grad(randn(2, 2, 3, 3)));
        GradCheck.check(in -> F.conv2d(in[0], in[1], in[2], new int[] {1}, new int[] {1}, new int[] {1}, 2),
                grad(randn(2, 4, 4, 4)), grad(randn(6, 2, 3, 3)), grad(randn(6)));
        // pointwise (1x1) takes the no-im2col path
        GradCheck.check(in -> F.conv2d(in[0], in[1], in[2]), grad(randn(2, 3, 3, 2)), grad(randn(5, 3, 1, 1)),
                grad(randn(5)));
    }

    @Test
    void conv1dGradients() {
        GradCheck.check(in -> F.conv1d(in[0], in[1], in[2], 2, 1, 1, 1), grad(randn(2, 3, 9)), grad(randn(4, 3, 3)),
                grad(randn(4)));
        GradCheck.check(in -> F.conv1d(in[0], in[1], null, 1, 2, 2, 2), grad(randn(1, 4, 6)), grad(randn(2, 2, 3)));
    }

    @Test
    void convTranspose2dGradients() {
        GradCheck.check(in -> F.convTranspose2d(in[0], in[1], in[2], new int[] {2}, new int[] {0}, new int[] {0}, 1,
                new int[] {1}), grad(randn(2, 3, 3, 4)), grad(randn(3, 2, 2, 2)), grad(randn(2)));
        GradCheck.check(in -> F.convTranspose2d(in[0], in[1], in[2], new int[] {2, 3}, new int[] {1}, new int[] {1, 2},
                1, new int[] {1}), grad(randn(1, 2, 3, 3)), grad(randn(2, 3, 3, 3)), grad(randn(3)));
        GradCheck.check(in -> F.convTranspose2d(in[0], in[1], null, new int[] {1}, new int[] {1}, new int[] {0}, 2,
                new int[] {2}), grad(randn(2, 4, 3, 3)), grad(randn(4, 1, 3, 2)));
        GradCheck.check(in -> F.convTranspose1d(in[0], in[1], in[2], 2, 1, 1, 1, 1), grad(randn(2, 2, 5)),
                grad(randn(2, 3, 3)), grad(randn(3)));
        // a 1x1 kernel with output_padding (allowed by dilation 2) grows the image: the last row and column
        // get only the bias
        Tensor x = randn(1, 2, 2, 2);
        Tensor w = randn(2, 1, 1, 1);
        Tensor y = F.convTranspose2d(x, w, Tensor.of(new float[] {0.5f}, 1), new int[] {1}, new int[] {0},
                new int[] {1}, 1, new int[] {2});
        assertArrayEquals(new int[] {1, 1, 3, 3}, y.shape());
        float expected = x.getFloat(0, 0, 1, 1) * w.getFloat(0, 0, 0, 0) + x.getFloat(0, 1, 1, 1) * w.getFloat(1, 0, 0, 0);
        assertEquals(expected + 0.5f, y.getFloat(0, 0, 1, 1), 1e-5);
        assertEquals(0.5f, y.getFloat(0, 0, 2, 0), 0);
        assertEquals(0.5f, y.getFloat(0, 0, 1, 2), 0);
        GradCheck.check(in -> F.convTranspose2d(in[0], in[1], null, new int[] {1}, new int[] {0}, new int[] {1}, 1,
                new int[] {2}), grad(x), grad(w));
    }

    @Test
    void convTransposeIsTheAdjointOfConv() {
        // <conv(x, w), y> == <x, conv_transpose(y, w)> for the same geometry.
        Tensor x = randn(2, 3, 7, 8);
        Tensor w = randn(4, 3, 3, 3);
        int[] s = {2, 2}, p = {1, 1}, d = {1, 1};
        Tensor cx = F.conv2d(x, w, null, s, p, d, 1);
        Tensor y = randn(cx.shape());
        // output_padding makes the transposed output as large as x again: (4-1)*2 - 2 + 2 + op + 1 = 7 + op
        Tensor ty = F.convTranspose2d(y, w, null, s, p, new int[] {0, 1}, 1, d);
        assertArrayEquals(x.shape(), ty.shape());
        assertEquals(cx.mul(y).sum().item(), x.mul(ty).sum().item(), 1e-3);
        // with groups, dilation and unequal strides
        Tensor x2 = randn(2, 4, 9, 8);
        Tensor w2 = randn(6, 2, 3, 2);
        int[] s2 = {2, 3}, p2 = {2, 1}, d2 = {2, 1};
        Tensor c2 = F.conv2d(x2, w2, null, s2, p2, d2, 2);
        Tensor y2 = randn(c2.shape());
        Tensor t2 = F.convTranspose2d(y2, w2, null, s2, p2, new int[] {0, 2}, 2, d2);
        assertArrayEquals(x2.shape(), t2.shape());
        assertEquals(c2.mul(y2).sum().item(), x2.mul(t2).sum().item(), 1e-3);
    }

    @Test
    void edgeShapes() {
        // unbatched (C, H, W) input equals the batch-of-one result without the batch dim
        Tensor x = randn(3, 5, 4);
        Tensor w = randn(2, 3, 3, 3);
        Tensor b = randn(2);
        Tensor u = F.conv2d(x, w, b, 1, 1);
        assertArrayEquals(new int[] {2, 5, 4}, u.shape());
        assertArrayEquals(F.conv2d(x.unsqueeze(0), w, b, 1, 1).toFloatArray(), u.toFloatArray(), 0f);
        GradCheck.check(in -> F.conv2d(in[0], in[1], in[2], 1, 1), grad(x), grad(w), grad(b));
        // kernel equal to the input size gives a 1x1 output: a full dot product
        Tensor k = randn(1, 3, 5, 4);
        Tensor full = F.conv2d(x.unsqueeze(0), k, null);
        assertArrayEquals(new int[] {1, 1, 1, 1}, full.shape());
        assertEquals(x.mul(k.squeeze(0)).sum().item(), full.item(), 1e-4);
        GradCheck.check(in -> F.conv2d(in[0], in[1], null), grad(x.unsqueeze(0)), grad(k));
        // size-1 spatial dims
        GradCheck.check(in -> F.conv2d(in[0], in[1], in[2], 1, 0), grad(randn(2, 2, 1, 5)), grad(randn(3, 2, 1, 2)),
                grad(randn(3)));
        // unbatched conv1d and conv_transpose2d
        assertArrayEquals(new int[] {4, 9}, F.conv1d(randn(3, 9), randn(4, 3, 3), null, 1, 1, 1, 1).shape());
        assertArrayEquals(new int[] {2, 6, 8}, F.convTranspose2d(randn(3, 3, 4), randn(3, 2, 2, 2), null, 2, 0).shape());
    }

    @Test
    void nonContiguousInputMatchesContiguous() {
        // (N, H, W, C) storage permuted to an (N, C, H, W) view
        Tensor nhwc = randn(2, 5, 6, 3);
        Tensor x = nhwc.permute(0, 3, 1, 2);
        assertTrue(!x.isContiguous());
        Tensor w = randn(4, 3, 3, 3).transpose(2, 3);   // a non-contiguous weight too
        Tensor y = F.conv2d(x, w, null, 1, 1);
        Tensor ref = F.conv2d(x.contiguousCopy(), w.contiguousCopy(), null, 1, 1);
        assertArrayEquals(ref.toFloatArray(), y.toFloatArray(), 1e-5f);
        // gradients flow back through the permute to the NHWC leaf
        Tensor leaf = nhwc.detach().requiresGrad(true);
        F.conv2d(leaf.permute(0, 3, 1, 2), w, null, 1, 1).sum().backward();
        Tensor leaf2 = x.contiguousCopy().detach().requiresGrad(true);
        F.conv2d(leaf2, w, null, 1, 1).sum().backward();
        assertArrayEquals(leaf2.grad().permute(0, 2, 3, 1).toFloatArray(), leaf.grad().toFloatArray(), 1e-5f);
    }

    @Test
    void namedPadding() {
        // 'same' with an odd kernel is symmetric padding
        Tensor x = randn(2, 3, 6, 5);
        Tensor w = randn(4, 3, 3, 3);
        assertArrayEquals(F.conv2d(x, w, null, 1, 1).toFloatArray(),
                F.conv2d(x, w, null, new int[] {1}, "same", null, 1).toFloatArray(), 1e-5f);
        // an even kernel pads one more at the bottom / right: compare with explicit padding by hand
        Tensor we = randn(4, 3, 2, 4);   // totals 1 (h) and 3 (w): top 0 / bottom 1, left 1 / right 2
        Tensor ys = F.conv2d(x, we, null, new int[] {1}, "same", null, 1);
        assertArrayEquals(new int[] {2, 4, 6, 5}, ys.shape());
        Tensor padded = F.pad(x, new int[] {1, 2, 0, 1}, 0f);
        assertArrayEquals(F.conv2d(padded, we, null).toFloatArray(), ys.toFloatArray(), 1e-5f);
        // dilation counts: total = d (k - 1)
        assertArrayEquals(new int[] {2, 4, 6, 5}, F.conv2d(x, w, null, null, "same", new int[] {2}, 1).shape());
        assertArrayEquals(new int[] {2, 4, 4, 3}, F.conv2d(x, w, null, null, "valid", null, 1).shape());
        Tensor x1 = randn(2, 3, 7);
        assertArrayEquals(new int[] {2, 2, 7}, F.conv1d(x1, randn(2, 3, 4), null, 1, "same", 1, 1).shape());
        GradCheck.check(in -> F.conv2d(in[0], in[1], in[2], null, "same", null, 1), grad(randn(1, 2, 4, 3)),
                grad(randn(2, 2, 2, 2)), grad(randn(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.conv2d(x, w, null, new int[] {2}, "same", null, 1));
        assertTrue(e.getMessage().startsWith("conv2d: padding='same' is not supported for strided"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.conv2d(x, w, null, null, "full", null, 1));
        assertEquals("conv2d: invalid padding string 'full', should be one of 'valid' or 'same'", e.getMessage());
    }

    @Test
    void errorsNameOpAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.conv2d(randn(8, 3, 28, 28), randn(16, 1, 5, 5), null));
        assertEquals("conv2d: input has 3 channels but weight expects 1 (input [8, 3, 28, 28], weight [16, 1, 5, 5])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.conv2d(randn(1, 3, 4, 4), randn(2, 3, 5, 5), null));
        assertTrue(e.getMessage().startsWith("conv2d: kernel size"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 3, 4, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.conv2d(randn(1, 3, 4, 4), randn(2, 3, 3, 3), randn(3)));
        assertTrue(e.getMessage().startsWith("conv2d: bias must have shape [2], got [3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.conv2d(randn(1, 4, 4, 4), randn(3, 2, 3, 3), null, null, (int[]) null, null, 2));
        assertTrue(e.getMessage().startsWith("conv2d: out_channels 3 is not divisible by groups 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.conv2d(randn(4, 4), randn(3, 4, 1, 1), null));
        assertTrue(e.getMessage().contains("conv2d: expected 3-D (C, H, W) or 4-D (N, C, H, W) input, got [4, 4]"));
        e = assertThrows(IllegalArgumentException.class, () -> F.conv1d(randn(1, 2, 5), randn(3, 4, 3), null));
        assertEquals("conv1d: input has 2 channels but weight expects 4 (input [1, 2, 5], weight [3, 4, 3])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.conv2d(randn(2, 5, 5), randn(3, 1, 3, 3), null));
        assertEquals("conv2d: input has 2 channels but weight expects 1 (input [2, 5, 5], weight [3, 1, 3, 3])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.convTranspose2d(randn(1, 2, 3, 3),
                randn(3, 2, 2, 2), null, 1, 0));
        assertTrue(e.getMessage().startsWith("conv_transpose2d: input has 2 channels but weight expects 3"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.convTranspose2d(randn(1, 2, 3, 3),
                randn(2, 2, 2, 2), null, new int[] {2}, new int[] {0}, new int[] {2}, 1, new int[] {1}));
        assertTrue(e.getMessage().startsWith("conv_transpose2d: output_padding [2, 2] must be smaller"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.conv2d(randn(1, 1, 4, 4), randn(1, 1, 2, 2), null,
                new int[] {0}, (int[]) null, null, 1));
        assertTrue(e.getMessage().startsWith("conv2d: stride must be positive"), e.getMessage());
    }

    /**
     * The im2col + GEMM path (window 64*3*3 = 576 > the direct kernel's 512) and the pointwise path on
     * batches big enough that im2col, col2im, the copy-out and the pointwise weight gradient are split over
     * the threads: output and both gradients against the scalar reference kernels.
     */
    @Test
    void gemmPathsSplitOverThreadsMatchScalarReference() {
        int[][] cases = {
            // n, c, h, w, f, k, stride, padding
            {3, 64, 13, 11, 20, 3, 1, 1},
            {3, 64, 15, 12, 9, 3, 2, 0},
            {3, 32, 40, 41, 23, 1, 1, 0},
        };
        for (int[] cs : cases) {
            int n = cs[0], c = cs[1], h = cs[2], w = cs[3], f = cs[4], k = cs[5], st = cs[6], pd = cs[7];
            String what = java.util.Arrays.toString(cs);
            Tensor x = grad(randn(n, c, h, w));
            Tensor wt = grad(randn(f, c, k, k));
            Tensor b = grad(randn(f));
            Tensor y = F.conv2d(x, wt, b, new int[] {st}, new int[] {pd}, new int[] {1}, 1);
            int oh = (h + 2 * pd - k) / st + 1;
            int ow = (w + 2 * pd - k) / st + 1;
            float[] xv = x.detach().toFloatArray();
            float[] wv = wt.detach().toFloatArray();
            float[] ref = new float[n * f * oh * ow];
            dev.nabla.kernel.Conv2dScalar.forward(xv, 0, n, c, h, w, wv, 0, f, k, k, b.detach().toFloatArray(), 0,
                    st, st, pd, pd, ref, 0);
            assertArrayEquals(ref, y.toFloatArray(), 2e-4f, what);
            Tensor up = randn(y.shape());
            y.mul(up).sum().backward();
            float[] gx = new float[xv.length];
            dev.nabla.kernel.Conv2dScalar.backwardInput(up.toFloatArray(), 0, wv, 0, n, c, h, w, f, k, k, st, st, pd, pd,
                    gx, 0);
            assertArrayEquals(gx, x.grad().toFloatArray(), 2e-4f, what + " input grad");
            float[] gw = new float[wv.length];
            dev.nabla.kernel.Conv2dScalar.backwardWeight(up.toFloatArray(), 0, xv, 0, n, c, h, w, f, k, k, st, st, pd, pd,
                    gw, 0);
            assertArrayEquals(gw, wt.grad().toFloatArray(), 2e-3f, what + " weight grad");
        }
    }
}
