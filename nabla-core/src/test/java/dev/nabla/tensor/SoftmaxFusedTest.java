package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/** The vectorized row softmax / log_softmax and their fused backward against the tensor-op composition. */
class SoftmaxFusedTest {
    @Test
    void matchesCompositionOnEveryDim() {
        Generator gen = new Generator(9);
        Tensor x = Tensor.randn(gen, 3, 4, 37).mul(4.0);
        for (int d = 0; d < 3; d++) {
            Tensor e = x.sub(x.amax(new int[] {d}, true)).exp();
            Tensor ref = e.div(e.sum(d, true));
            assertArrayEquals(ref.toFloatArray(), x.softmax(d).toFloatArray(), 1e-6f, "softmax dim " + d);
            assertArrayEquals(ref.log().toFloatArray(), x.logSoftmax(d).toFloatArray(), 1e-5f, "log_softmax dim " + d);
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesAndComposition() {
        Generator gen = new Generator(4);
        Tensor x = Tensor.randn(gen, 3, 5, 6).requiresGrad(true);
        for (int d = -1; d < 3; d++) {
            int dim = d;
            GradCheck.check(in -> in[0].softmax(dim).mul(in[0]), x);
            GradCheck.check(in -> in[0].logSoftmax(dim).mul(in[0]), x);
        }
        // through a non-contiguous input and an expanded upstream gradient
        Tensor y = Tensor.randn(gen, 6, 5).requiresGrad(true);
        y.t().softmax(1).sum().backward();
        for (float v : y.grad().toFloatArray()) {
            assertEquals(0f, v, 1e-6f);   // softmax rows sum to 1 whatever the input
        }
    }

    @Test
    void infinitiesAndNaNFollowTorch() {
        float inf = Float.POSITIVE_INFINITY;
        Tensor x = Tensor.of(new float[] {-inf, -inf, -inf, 0f, -inf, 1f, Float.NaN, 1f, 2f}, 3, 3);
        float[] y = x.softmax(1).toFloatArray();
        for (int j = 0; j < 3; j++) {
            assertTrue(Float.isNaN(y[j]), "all -inf row is NaN");
            assertTrue(Float.isNaN(y[6 + j]), "a NaN spreads over its row");
        }
        assertEquals(0f, y[4], 0f);
        assertEquals(1f / (1f + (float) Math.E), y[3], 1e-6f);
    }
}
