package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/** torch.clamp with tensor bounds: broadcasting, min > max, and which operand receives the gradient. */
class ClampTensorBoundsTest {
    @Test
    void valuesAndGradientsMatchPyTorch() {
        Tensor x = Tensor.of(new float[] {-2f, 0.5f, 3f, 0.2f, -0.7f, 1.5f}, 2, 3).requiresGrad(true);
        Tensor lo = Tensor.of(new float[] {-1f, 0f, 2f}, 3).requiresGrad(true);
        Tensor hi = Tensor.of(new float[] {1f, -0.5f}, 2, 1).requiresGrad(true);
        Tensor y = x.clamp(lo, hi);
        // PyTorch 1.13; the second row has max -0.5 below every min, so it is -0.5 throughout.
        assertArrayEquals(new float[] {-1f, 0.5f, 1f, -0.5f, -0.5f, -0.5f}, y.toFloatArray());
        y.mul(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)).sum().backward();
        assertArrayEquals(new float[] {0, 2, 0, 0, 0, 0}, x.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0}, lo.grad().toFloatArray());
        assertArrayEquals(new float[] {3, 15}, hi.grad().toFloatArray());
    }

    @Test
    void oneSidedBoundsAgreeWithFiniteDifferences() {
        Tensor x = Tensor.of(new float[] {-1.3f, 0.4f, 2.2f, -0.1f}, 2, 2).requiresGrad(true);
        Tensor lo = Tensor.of(new float[] {-0.5f, 0.9f}, 2).requiresGrad(true);
        GradCheck.check(in -> in[0].clamp(in[1], null), x, lo);
        GradCheck.check(in -> in[0].clamp(null, in[1]), x, lo);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.clamp(null, null));
        assertTrue(e.getMessage().contains("clamp") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }
}
