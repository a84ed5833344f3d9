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

class NormalizationTest {
    private final Generator gen = new Generator(9);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    private static float inv(double var, double eps) {
        return (float) (1 / Math.sqrt(var + eps));
    }

    @Test
    void handComputedBatchNorm() {
        // channel 0 holds {1, 3}: mean 2, biased var 1, unbiased var 2
        Tensor x = Tensor.of(new float[] {1, 10, 3, 30}, 2, 2);
        Tensor rm = Tensor.zeros(2);
        Tensor rv = Tensor.ones(2);
        Tensor w = Tensor.of(new float[] {2, 1}, 2);
        Tensor b = Tensor.of(new float[] {0.5f, 0}, 2);
        Tensor y = F.batchNorm(x, rm, rv, w, b, true, 0.1, 1e-5);
        float i0 = inv(1, 1e-5);
        float i1 = inv(100, 1e-5);
        assertArrayEquals(new float[] {-2 * i0 + 0.5f, -10 * i1, 2 * i0 + 0.5f, 10 * i1}, y.toFloatArray(), 1e-6f);
        // running = 0.9 running + 0.1 stat, with the unbiased variance
        assertArrayEquals(new float[] {0.2f, 2f}, rm.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.9f + 0.2f, 0.9f + 20f}, rv.toFloatArray(), 1e-5f);
        // evaluation normalises with the running statistics and leaves them alone
        Tensor e = F.batchNorm(x, rm, rv, null, null, false, 0.1, 1e-5);
        assertEquals((1 - 0.2f) * inv(1.1, 1e-5), e.getFloat(0, 0), 1e-6);
        assertArrayEquals(new float[] {0.2f, 2f}, rm.toFloatArray(), 1e-6f);
        // training without running statistics is allowed
        Tensor t = F.batchNorm(x, null, null, null, null, true, 0.1, 0);
        assertArrayEquals(new float[] {-1, -1, 1, 1}, t.toFloatArray(), 1e-6f);
    }

    @Test
    void batchNormRunningStatsMatchTensorFormula() {
        Tensor x = Tensor.randn(gen, 4, 3, 2, 5);
        Tensor rm = Tensor.randn(gen, 3);
        Tensor rv = Tensor.rand(gen, 3).add(0.5);
        Tensor rm0 = rm.clone();
        Tensor rv0 = rv.clone();
        F.batchNorm(x, rm, rv, null, null, true, 0.3, 1e-5);
        int[] dims = {0, 2, 3};
        Tensor mean = x.mean(dims, false);
        Tensor var = x.var(dims, true, false);
        assertArrayEquals(rm0.mul(0.7).add(mean.mul(0.3)).toFloatArray(), rm.toFloatArray(), 1e-5f);
        assertArrayEquals(rv0.mul(0.7).add(var.mul(0.3)).toFloatArray(), rv.toFloatArray(), 1e-5f);
        // and the output matches the unfused composition
        Tensor w = Tensor.randn(gen, 3);
        Tensor b = Tensor.randn(gen, 3);
        Tensor y = F.batchNorm(x, null, null, w, b, true, 0.1, 1e-5);
        Tensor ref = x.sub(mean.reshape(1, 3, 1, 1)).div(x.var(dims, false, true).add(1e-5).sqrt())
                .mul(w.reshape(1, 3, 1, 1)).add(b.reshape(1, 3, 1, 1));
        assertArrayEquals(ref.toFloatArray(), y.toFloatArray(), 1e-4f);
    }

    @Test
    void batchNormGradients() {
        GradCheck.check(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), randn(4, 3, 2, 2),
                randn(3), randn(3));
        GradCheck.check(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), randn(5, 4), randn(4),
                randn(4));
        GradCheck.check(in -> F.batchNorm(in[0], null, null, null, null, true, 0.1, 1e-5), randn(3, 2, 5));
        Tensor rm = Tensor.randn(gen, 3);
        Tensor rv = Tensor.rand(gen, 3).add(0.5);
        GradCheck.check(in -> F.batchNorm(in[0], rm, rv, in[1], in[2], false, 0.1, 1e-5), randn(2, 3, 3),
                randn(3), randn(3));
    }

    @Test
    void handComputedLayerAndGroupNorm() {
        Tensor x = Tensor.of(new float[] {1, 3, 5, 7}, 2, 2);
        float i = inv(1, 1e-5);
        assertArrayEquals(new float[] {-i, i, -i, i}, F.layerNorm(x, new int[] {2}, null, null).toFloatArray(), 1e-6f);
        Tensor w = Tensor.of(new float[] {1, 2}, 2);
        Tensor b = Tensor.of(new float[] {0, 1}, 2);
        assertArrayEquals(new float[] {-i, 2 * i + 1, -i, 2 * i + 1}, F.layerNorm(x, new int[] {2}, w, b, 1e-5)
                .toFloatArray(), 1e-6f);
        // over both dims: mean 4, var 5
        float j = inv(5, 1e-5);
        assertArrayEquals(new float[] {-3 * j, -j, j, 3 * j}, F.layerNorm(x, new int[] {2, 2}, null, null)
                .toFloatArray(), 1e-6f);
        // group norm with one channel per group is instance norm; with one group, layer norm over (C, *)
        Tensor g = Tensor.of(new float[] {1, 3, 10, 30}, 1, 2, 2);
        float k1 = inv(1, 1e-5);
        float k2 = inv(100, 1e-5);
        assertArrayEquals(new float[] {-k1, k1, -10 * k2, 10 * k2}, F.groupNorm(g, 2, null, null, 1e-5)
                .toFloatArray(), 1e-6f);
        assertArrayEquals(F.layerNorm(g, new int[] {2, 2}, null, null).toFloatArray(),
                F.groupNorm(g, 1, null, null, 1e-5).toFloatArray(), 1e-6f);
    }

    @Test
    void layerAndGroupNormGradients() {
        GradCheck.check(in -> F.layerNorm(in[0], new int[] {5}, in[1], in[2]), randn(2, 3, 5), randn(5), randn(5));
        GradCheck.check(in -> F.layerNorm(in[0], new int[] {3, 4}, in[1], in[2], 1e-5), randn(2, 3, 4), randn(3, 4),
                randn(3, 4));
        GradCheck.check(in -> F.layerNorm(in[0], new int[] {6}, null, null), randn(4, 6));
        GradCheck.check(in -> F.groupNorm(in[0], 2, in[1], in[2], 1e-5), randn(2, 4, 3, 2), randn(4), randn(4));
        GradCheck.check(in -> F.groupNorm(in[0], 3, in[1], null, 1e-5), randn(2, 6, 4), randn(6));
        GradCheck.check(in -> F.groupNorm(in[0], 1, null, null, 1e-5), randn(3, 2));
    }

    @Test
    void instanceNorm() {
        Tensor x = Tensor.randn(gen, 3, 2, 4, 2);
        Tensor w = Tensor.randn(gen, 2);
        Tensor b = Tensor.randn(gen, 2);
        // with input statistics it is group norm with one channel per group
        assertArrayEquals(F.groupNorm(x, 2, w, b, 1e-5).toFloatArray(),
                F.instanceNorm(x, null, null, w, b, true, 0.1, 1e-5).toFloatArray(), 1e-5f);
        // the running statistics move toward the batch mean of the per-plane statistics (unbiased variance)
        Tensor rm = Tensor.zeros(2);
        Tensor rv = Tensor.ones(2);
        F.instanceNorm(x, rm, rv, null, null, true, 0.1, 1e-5);
        int[] sp = {2, 3};
        assertArrayEquals(x.mean(sp, false).mean(0).mul(0.1).toFloatArray(), rm.toFloatArray(), 1e-5f);
        assertArrayEquals(x.var(sp, true, false).mean(0).mul(0.1).add(0.9).toFloatArray(), rv.toFloatArray(), 1e-5f);
        // without them the running statistics normalise
        Tensor e = F.instanceNorm(x, rm, rv, null, null, false, 0.1, 1e-5);
        assertArrayEquals(F.batchNorm(x, rm, rv, null, null, false, 0.1, 1e-5).toFloatArray(), e.toFloatArray(), 1e-6f);
        GradCheck.check(in -> F.instanceNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), randn(2, 3, 5),
                randn(3), randn(3));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> F.instanceNorm(Tensor.zeros(2, 3, 1), null, null, null, null, true, 0.1, 1e-5));
        assertEquals("instance_norm: expected more than 1 spatial element when training, got input [2, 3, 1]",
                ex.getMessage());
    }

    @Test
    void edgeShapesAndViews() {
        // batch of one with spatial extent trains fine (N * spatial > 1)
        GradCheck.check(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), randn(1, 2, 2, 3),
                randn(2), randn(2));
        // a permuted view normalises like its contiguous copy
        Tensor base = Tensor.randn(gen, 4, 5, 3);
        Tensor view = base.permute(0, 2, 1);   // (4, 3, 5)
        assertArrayEquals(F.batchNorm(view.contiguousCopy(), null, null, null, null, true, 0.1, 1e-5).toFloatArray(),
                F.batchNorm(view, null, null, null, null, true, 0.1, 1e-5).toFloatArray(), 1e-6f);
        assertArrayEquals(F.layerNorm(view.contiguousCopy(), new int[] {5}, null, null).toFloatArray(),
                F.layerNorm(view, new int[] {5}, null, null).toFloatArray(), 1e-6f);
        // only the inputs that ask get gradients
        Tensor x = randn(3, 2);
        Tensor w = Tensor.ones(2);
        F.layerNorm(x, new int[] {2}, w, null).sum().backward();
        assertNull(w.grad());
        assertTrue(x.grad() != null);
    }

    @Test
    void errorsNameOpAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.batchNorm(Tensor.zeros(1, 3), null, null, null, null, true));
        assertEquals("batch_norm: expected more than 1 value per channel when training, got input [1, 3]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.batchNorm(Tensor.zeros(4, 3, 2), null, null, Tensor.ones(2), null, true));
        assertEquals("batch_norm: weight must have shape [3] (one per channel), got [2] (input [4, 3, 2])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.batchNorm(Tensor.zeros(4, 3), null, null, null, null, false));
        assertTrue(e.getMessage().startsWith("batch_norm: running_mean and running_var must be given"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.layerNorm(Tensor.zeros(2, 3, 7), new int[] {8}, null, null));
        assertEquals("layer_norm: normalized_shape [8] does not match the last dims of input [2, 3, 7]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.layerNorm(Tensor.zeros(2, 8), new int[] {8}, Tensor.ones(4), null));
        assertEquals("layer_norm: weight has shape [4] but normalized_shape is [8]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.groupNorm(Tensor.zeros(2, 6, 3), 4, null, null, 1e-5));
        assertEquals("group_norm: expected the number of channels 6 to be divisible by num_groups 4 (input [2, 6, 3])",
                e.getMessage());
    }
}
