package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AttentionTest {
    private static final int E = 4;
    private static final int HEADS = 2;

    private final Generator g = new Generator(21);
    private final Tensor inW = Tensor.randn(g, 3 * E, E).mul(0.5).requiresGrad(true);
    private final Tensor inB = Tensor.randn(g, 3 * E).mul(0.5).requiresGrad(true);
    private final Tensor outW = Tensor.randn(g, E, E).mul(0.5).requiresGrad(true);
    private final Tensor outB = Tensor.randn(g, E).mul(0.5).requiresGrad(true);

    private MhaOutput mha(Tensor q, Tensor k, Tensor v, Tensor kpm, Tensor mask, boolean average, boolean batchFirst) {
        return Attention.multiHeadAttention(q, k, v, HEADS, inW, inB, outW, outB, kpm, mask, true, average, batchFirst,
                0.0, false, null, false);
    }

    /** Head h of batch item n computed naively with loops, for (L, N, E) inputs. */
    private float[][] naiveHead(Tensor q, Tensor k, Tensor v, int n, int h, boolean[][] forbidden, float[][] weightsOut) {
        Tensor qp = LinearOps.linear(q.select(1, n), inW.narrow(0, 0, E), inB.narrow(0, 0, E));
        Tensor kp = LinearOps.linear(k.select(1, n), inW.narrow(0, E, E), inB.narrow(0, E, E));
        Tensor vp = LinearOps.linear(v.select(1, n), inW.narrow(0, 2 * E, E), inB.narrow(0, 2 * E, E));
        int d = E / HEADS;
        int l = q.size(0);
        int s = k.size(0);
        float[][] ctx = new float[l][d];
        for (int i = 0; i < l; i++) {
            double[] sc = new double[s];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < s; j++) {
                double dot = 0;
                for (int c = 0; c < d; c++) {
                    dot += qp.getFloat(i, h * d + c) * kp.getFloat(j, h * d + c);
                }
                sc[j] = forbidden != null && forbidden[i][j] ? Double.NEGATIVE_INFINITY : dot / Math.sqrt(d);
                max = Math.max(max, sc[j]);
            }
            double sum = 0;
            for (int j = 0; j < s; j++) {
                sc[j] = Math.exp(sc[j] - max);
                sum += sc[j];
            }
            for (int j = 0; j < s; j++) {
                weightsOut[i][j] = (float) (sc[j] / sum);
                for (int c = 0; c < d; c++) {
                    ctx[i][c] += (float) (sc[j] / sum * vp.getFloat(j, h * d + c));
                }
            }
        }
        return ctx;
    }

    private void checkAgainstNaive(Tensor q, Tensor k, Tensor v, boolean[][][] forbiddenPerBatch, MhaOutput o) {
        int l = q.size(0);
        int s = k.size(0);
        int n = q.size(1);
        for (int b = 0; b < n; b++) {
            float[][] merged = new float[l][E];
            float[][] avg = new float[l][s];
            for (int h = 0; h < HEADS; h++) {
                float[][] w = new float[l][s];
                float[][] ctx = naiveHead(q, k, v, b, h, forbiddenPerBatch == null ? null : forbiddenPerBatch[b], w);
                for (int i = 0; i < l; i++) {
                    System.arraycopy(ctx[i], 0, merged[i], h * (E / HEADS), E / HEADS);
                    for (int j = 0; j < s; j++) {
                        avg[i][j] += w[i][j] / HEADS;
                    }
                }
            }
            Tensor expected = LinearOps.linear(Tensor.of(merged), outW, outB);
            assertArrayEquals(expected.toFloatArray(), o.output().select(1, b).toFloatArray(), 1e-5f);
            for (int i = 0; i < l; i++) {
                assertArrayEquals(avg[i], o.attnWeights().select(0, b).select(0, i).toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void matchesNaiveComputationWithoutMasks() {
        Tensor q = Tensor.randn(g, 3, 2, E);
        Tensor k = Tensor.randn(g, 5, 2, E);
        Tensor v = Tensor.randn(g, 5, 2, E);
        MhaOutput o = mha(q, k, v, null, null, true, false);
        assertArrayEquals(new int[] {3, 2, E}, o.output().shape());
        assertArrayEquals(new int[] {2, 3, 5}, o.attnWeights().shape());
        checkAgainstNaive(q, k, v, null, o);
    }

    @Test
    void masksMatchNaiveAndCombine() {
        Tensor q = Tensor.randn(g, 3, 2, E);
        Tensor k = Tensor.randn(g, 4, 2, E);
        Tensor v = Tensor.randn(g, 4, 2, E);
        boolean[] am = {false, true, false, false, false, false, true, false, false, false, false, true};
        boolean[] kp = {false, false, false, true, true, false, false, false};
        boolean[][][] forbidden = new boolean[2][3][4];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    forbidden[b][i][j] = am[i * 4 + j] || kp[b * 4 + j];
                }
            }
        }
        MhaOutput o = mha(q, k, v, Tensor.ofBools(kp, 2, 4), Tensor.ofBools(am, 3, 4), true, false);
        checkAgainstNaive(q, k, v, forbidden, o);
        // The same masks as an additive float mask give the same result.
        Tensor floatMask = Tensor.zeros(3, 4).maskedFill(Tensor.ofBools(am, 3, 4), Float.NEGATIVE_INFINITY);
        MhaOutput f = mha(q, k, v, Tensor.ofBools(kp, 2, 4), floatMask, true, false);
        assertArrayEquals(o.output().toFloatArray(), f.output().toFloatArray(), 1e-6f);
    }

    @Test
    void causalFlagEqualsExplicitMaskAndBatchFirstEqualsTransposed() {
        Tensor x = Tensor.randn(g, 2, 4, E);
        MhaOutput causal = Attention.multiHeadAttention(x, x, x, HEADS, inW, inB, outW, outB, null, null, true, true,
                true, 0.0, false, null, true);
        MhaOutput explicit = mha(x, x, x, null, Attention.causalMask(4, 4, true), true, true);
        assertArrayEquals(explicit.output().toFloatArray(), causal.output().toFloatArray(), 1e-6f);
        assertEquals(0f, causal.attnWeights().getFloat(0, 0, 1));
        Tensor seqFirst = x.transpose(0, 1);
        MhaOutput sf = mha(seqFirst, seqFirst, seqFirst, null, null, true, false);
        MhaOutput bf = mha(x, x, x, null, null, true, true);
        assertArrayEquals(sf.output().transpose(0, 1).toFloatArray(), bf.output().toFloatArray(), 1e-6f);
    }

    @Test
    void perHeadWeightsAndUnbatchedInput() {
        Tensor x = Tensor.randn(g, 3, E);
        MhaOutput un = mha(x, x, x, null, null, false, false);
        assertArrayEquals(new int[] {3, E}, un.output().shape());
        assertArrayEquals(new int[] {HEADS, 3, 3}, un.attnWeights().shape());
        MhaOutput batched = mha(x.unsqueeze(1), x.unsqueeze(1), x.unsqueeze(1), null, null, false, false);
        assertArrayEquals(new int[] {1, HEADS, 3, 3}, batched.attnWeights().shape());
        assertArrayEquals(batched.output().squeeze(1).toFloatArray(), un.output().toFloatArray(), 1e-6f);
        // Each row of weights is a distribution.
        float[] rowSums = un.attnWeights().sum(2).toFloatArray();
        for (float s : rowSums) {
            assertEquals(1f, s, 1e-6f);
        }
        MhaOutput noWeights = Attention.multiHeadAttention(x, x, x, HEADS, inW, inB, outW, outB, null, null, false,
                true, false, 0.0, false, null, false);
        assertNull(noWeights.attnWeights());
    }

    @Test
    void separateProjectionWeightsEqualPackedOnes() {
        Tensor q = Tensor.randn(g, 2, 1, E);
        Tensor kv = Tensor.randn(g, 3, 1, E);
        MhaOutput packed = mha(q, kv, kv, null, null, true, false);
        MhaOutput separate = Attention.multiHeadAttention(q, kv, kv, HEADS, inW.narrow(0, 0, E), inW.narrow(0, E, E),
                inW.narrow(0, 2 * E, E), inB, outW, outB, null, null, true, true, false, 0.0, false, null, false);
        assertArrayEquals(packed.output().toFloatArray(), separate.output().toFloatArray(), 1e-6f);
    }

    @Test
    void gradCheckWithMasks() {
        Tensor q = Tensor.randn(g, 2, 3, E).requiresGrad(true);
        Tensor k = Tensor.randn(g, 2, 4, E).requiresGrad(true);
        Tensor v = Tensor.randn(g, 2, 4, E).requiresGrad(true);
        Tensor kpm = Tensor.ofBools(new boolean[] {false, false, true, false, false, false, false, true}, 2, 4);
        Tensor am = Tensor.ofBools(new boolean[] {false, true, false, false, false, false, true, false, false, false,
            false, false}, 3, 4);
        GradCheck.check(in -> {
            MhaOutput o = Attention.multiHeadAttention(in[0], in[1], in[2], HEADS, in[3], in[4], in[5], in[6],
                    kpm, am, true, true, true, 0.0, false, null, false);
            return o.output().sum(2).add(o.attnWeights().select(2, 1));   // (N, L)
        }, q, k, v, inW, inB, outW, outB);
        // Sequence length 1 and batch 1.
        Tensor one = Tensor.randn(g, 1, 1, E).requiresGrad(true);
        GradCheck.check(in -> mha(in[0], in[0], in[0], null, null, true, false).output(), one);
    }

    @Test
    void scaledDotProductAttentionMatchesFormulaAndMaskConvention() {
        Tensor q = Tensor.randn(g, 2, 3, 4).requiresGrad(true);
        Tensor k = Tensor.randn(g, 2, 5, 4).requiresGrad(true);
        Tensor v = Tensor.randn(g, 2, 5, 6).requiresGrad(true);
        Tensor expected = q.matmul(k.transpose(1, 2)).div(2.0).softmax(-1).matmul(v);
        Tensor got = Attention.scaledDotProductAttention(q, k, v, null, 0.0, false, null);
        assertArrayEquals(expected.toFloatArray(), got.toFloatArray(), 1e-6f);
        // Bool masks here mean "may attend" (PyTorch's SDPA convention): causal == lower-triangular allowed.
        Tensor qq = Tensor.randn(g, 4, 4);
        Tensor allowed = Attention.causalMask(4, 4, false);
        assertArrayEquals(Attention.scaledDotProductAttention(qq, qq, qq, null, 0.0, true, null).toFloatArray(),
                Attention.scaledDotProductAttention(qq, qq, qq, allowed, 0.0, false, null).toFloatArray(), 1e-6f);
        GradCheck.check(in -> Attention.scaledDotProductAttention(in[0], in[1], in[2], null, 0.0, false, null), q, k, v);
    }

    @Test
    void errorsNameTheProblem() {
        Tensor x = Tensor.randn(g, 3, 2, E);
        var heads = assertThrows(IllegalArgumentException.class, () -> Attention.multiHeadAttention(x, x, x, 3, inW, inB,
                outW, outB, null, null, true, true, false, 0.0, false, null, false));
        assertTrue(heads.getMessage().contains("embed_dim 4 must be divisible by num_heads 3"), heads.getMessage());
        var mask = assertThrows(IllegalArgumentException.class, () -> mha(x, x, x, null, Tensor.ofBools(new boolean[4],
                2, 2), true, false));
        assertTrue(mask.getMessage().contains("2D attn_mask is [2, 2], but should be [3, 3]"), mask.getMessage());
        var kpm = assertThrows(IllegalArgumentException.class, () -> mha(x, x, x, Tensor.ofBools(new boolean[3], 1, 3),
                null, true, false));
        assertTrue(kpm.getMessage().contains("key_padding_mask of shape [2, 3]"), kpm.getMessage());
        var w = assertThrows(IllegalArgumentException.class, () -> Attention.multiHeadAttention(x, x, x, HEADS,
                Tensor.zeros(8, E), null, outW, outB, null, null, true, true, false, 0.0, false, null, false));
        assertTrue(w.getMessage().contains("in_proj_weight must have shape [12, 4], got [8, 4]"), w.getMessage());
    }

    @Test
    void biasKvEqualsAnExtraKeyAndZeroAttnEqualsZeroBias() {
        Tensor q = Tensor.randn(g, 3, 2, E);
        Tensor k = Tensor.randn(g, 4, 2, E);
        Tensor v = Tensor.randn(g, 4, 2, E);
        Tensor u = Tensor.randn(g, E);
        // bias_k / bias_v chosen as the projections of a key / value u: same as appending u to every sequence.
        Tensor biasK = LinearOps.linear(u, inW.narrow(0, E, E), inB.narrow(0, E, E)).reshape(1, 1, E);
        Tensor biasV = LinearOps.linear(u, inW.narrow(0, 2 * E, E), inB.narrow(0, 2 * E, E)).reshape(1, 1, E);
        Tensor kpm = Tensor.ofBools(new boolean[] {false, true, false, false, false, false, false, true}, 2, 4);
        MhaOutput withBias = Attention.multiHeadAttentionForward(q, k, v, HEADS, inW, inB, biasK, biasV, false, 0.0,
                outW, outB, false, kpm, true, null, false, null, null, null, true, false, null);
        Tensor uu = u.reshape(1, 1, E).expand(1, 2, E);
        Tensor kpmExt = Tensor.ofBools(new boolean[] {false, true, false, false, false, false, false, false, true,
            false}, 2, 5);
        MhaOutput extended = mha(q, Tensor.cat(new Tensor[] {k, uu}, 0), Tensor.cat(new Tensor[] {v, uu}, 0), kpmExt,
                null, true, false);
        assertArrayEquals(extended.output().toFloatArray(), withBias.output().toFloatArray(), 1e-5f);
        assertArrayEquals(extended.attnWeights().toFloatArray(), withBias.attnWeights().toFloatArray(), 1e-6f);
        // A zero bias_k / bias_v appends the same zero key and value that add_zero_attn does.
        Tensor am = Attention.causalMask(3, 4, true);
        MhaOutput zeroBias = Attention.multiHeadAttentionForward(q, k, v, HEADS, inW, inB, Tensor.zeros(1, 1, E),
                Tensor.zeros(1, 1, E), false, 0.0, outW, outB, false, kpm, true, am, false, null, null, null, true, false,
                null);
        MhaOutput zeroAttn = Attention.multiHeadAttentionForward(q, k, v, HEADS, inW, inB, null, null, true, 0.0,
                outW, outB, false, kpm, true, am, false, null, null, null, true, false, null);
        assertArrayEquals(new int[] {2, 3, 5}, zeroAttn.attnWeights().shape());
        assertArrayEquals(zeroBias.output().toFloatArray(), zeroAttn.output().toFloatArray(), 1e-6f);
        Tensor bk = biasK.detach().requiresGrad(true);
        Tensor bv = biasV.detach().requiresGrad(true);
        Tensor qq = q.detach().requiresGrad(true);
        GradCheck.check(in -> Attention.multiHeadAttentionForward(in[0], k, v, HEADS, inW, inB, in[1], in[2], true, 0.0,
                outW, outB, false, kpm, true, am, false, null, null, null, false, false, null).output(), qq, bk, bv);
    }
}
