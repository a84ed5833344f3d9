package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nabla.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/** The fused linear op against matmul(W^T) + bias, values and gradients, and by finite differences. */
class FusedLinearTest {
    private static Tensor randn(Generator g, int... shape) {
        return Tensor.randn(g, shape);
    }

    @Test
    void matchesUnfusedCompositionWithGradients() {
        Generator gen = new Generator(7);
        for (int[] xShape : new int[][] {{5, 4}, {2, 3, 4}, {4}, {0, 4}}) {
            Tensor x = randn(gen, xShape).requiresGrad(true);
            Tensor w = randn(gen, 3, 4).requiresGrad(true);
            Tensor b = randn(gen, 3).requiresGrad(true);
            Tensor up = randn(gen, FusedLinear.linear(x.detach(), w.detach(), b.detach()).shape());
            FusedLinear.linear(x, w, b).mul(up).sum().backward();
            float[] gx = x.grad().toFloatArray();
            float[] gw = w.grad().toFloatArray();
            float[] gb = b.grad().toFloatArray();
            x.setGrad(null);
            w.setGrad(null);
            b.setGrad(null);
            Tensor ref = x.matmul(w.t()).add(b);
            assertArrayEquals(ref.toFloatArray(), FusedLinear.linear(x, w, b).toFloatArray(), 1e-5f);
            ref.mul(up).sum().backward();
            assertArrayEquals(x.grad().toFloatArray(), gx, 1e-5f);
            assertArrayEquals(w.grad().toFloatArray(), gw, 1e-5f);
            assertArrayEquals(b.grad().toFloatArray(), gb, 1e-5f);
        }
    }

    @Test
    void gradCheckWithAndWithoutBiasOnStridedInputs() {
        Generator gen = new Generator(3);
        Tensor x = randn(gen, 4, 6).requiresGrad(true);
        Tensor w = randn(gen, 5, 3).requiresGrad(true);
        Tensor b = randn(gen, 5).requiresGrad(true);
        // x sliced with a step and w transposed: neither is contiguous
        GradCheck.check(in -> FusedLinear.linear(in[0].slice(1, 0, 6, 2), in[1], in[2]), x, w, b);
        Tensor wt = randn(gen, 3, 5).requiresGrad(true);
        GradCheck.check(in -> FusedLinear.linear(in[0].slice(1, 0, 6, 2), in[1].t(), null), x, wt);
    }

    @Test
    void onlyRequestedGradientsAreMade() {
        Generator gen = new Generator(1);
        Tensor x = randn(gen, 2, 3);
        Tensor w = randn(gen, 4, 3).requiresGrad(true);
        Tensor b = randn(gen, 4);
        FusedLinear.linear(x, w, b).sum().backward();
        assertNull(x.grad());
        assertNull(b.grad());
        // d/dW sum(x W^T) = column sums of x repeated for each output
        float[] xs = x.toFloatArray();
        float[] expected = new float[12];
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < 3; i++) {
                expected[o * 3 + i] = xs[i] + xs[3 + i];
            }
        }
        assertArrayEquals(expected, w.grad().toFloatArray(), 1e-6f);
    }
}
