package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/** var/std with a correction, argmin over all elements, logsumexp over several dims, narrow with a negative start. */
class ReductionVariantsTest {
    /** (3, 4): i^1.5 for i = 0..11. */
    private static Tensor powers() {
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) {
            v[i] = (float) Math.pow(i, 1.5);
        }
        return Tensor.of(v, 3, 4);
    }

    @Test
    void varAndStdHonourCorrection() {
        Tensor x = powers();
        // PyTorch 1.13: torch.var(x, dim=1, correction=2), torch.std(x, dim=0, correction=0).
        assertArrayEquals(new float[] {7.8196205f, 30.812258f, 53.365638f},
                x.var(new int[] {1}, 2, false).toFloatArray(), 1e-4f);
        assertArrayEquals(new float[] {9.36875f, 10.697357f, 11.815527f, 12.819456f},
                x.std(new int[] {0}, 0, false).toFloatArray(), 1e-4f);
        // correction 1 is the unbiased estimate.
        assertArrayEquals(x.var(new int[] {1}, true, true).toFloatArray(), x.var(new int[] {1}, 1, true).toFloatArray());
        GradCheck.check(in -> in[0].std(new int[] {1}, 2, false), Tensor.of(new float[] {0.3f, -1.2f, 2f, 0.7f, 1.1f,
                -0.4f}, 2, 3).requiresGrad(true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.var(null, -1, false));
        assertTrue(e.getMessage().contains("var") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void argminOfAllElementsAndKeepdim() {
        Tensor x = Tensor.of(new float[] {3f, 1f, 4f, 1.5f, -9f, 2f}, 2, 3);
        assertEquals(0, x.argmin().dim());
        assertEquals(4L, x.argmin().toLongArray()[0]);
        Tensor k = x.argmin(1, true);
        assertArrayEquals(new int[] {2, 1}, k.shape());
        assertArrayEquals(new long[] {1, 1}, k.toLongArray());
    }

    @Test
    void logsumexpOverSeveralDims() {
        Tensor x = powers().div(10.0);
        assertEquals(4.6787992, x.logsumexp(new int[] {0, 1}, false).item(), 1e-5);
        Tensor kept = x.logsumexp(new int[] {-1, 0}, true);
        assertArrayEquals(new int[] {1, 1}, kept.shape());
        assertEquals(4.6787992, kept.item(), 1e-5);
    }

    @Test
    void zeroNormCountsNonZerosWithZeroGradient() {
        Tensor x = Tensor.of(new float[] {1f, 2f, 0f, 0f, 0f, -3f}, 2, 3).requiresGrad(true);
        Tensor n = x.norm(0.0, new int[] {1}, false);
        assertArrayEquals(new float[] {2f, 1f}, n.toFloatArray());
        n.sum().backward();
        assertArrayEquals(new float[6], x.grad().toFloatArray());
    }

    @Test
    void divRoundingModes() {
        Tensor a = Tensor.of(new float[] {7f, -7f, 7.5f, -0.5f}, 4).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {2f, 2f, -2f, 3f}, 4).requiresGrad(true);
        assertArrayEquals(new float[] {3f, -3f, -3f, -0f}, a.div(b, "trunc").toFloatArray());
        Tensor f = a.div(b, "floor");
        assertArrayEquals(new float[] {3f, -4f, -4f, -1f}, f.toFloatArray());
        assertArrayEquals(new float[] {3.5f, -3.5f, -3.75f, -0.5f / 3f}, a.div(b, null).toFloatArray(), 1e-7f);
        f.sum().backward(); // piecewise constant: zero gradients, as torch
        assertArrayEquals(new float[4], a.grad().toFloatArray());
        assertArrayEquals(new float[4], b.grad().toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.div(b, "round"));
        assertTrue(e.getMessage().contains("div") && e.getMessage().contains("rounding_mode")
                && e.getMessage().contains("round"), e.getMessage());
    }

    @Test
    void narrowWrapsANegativeStart() {
        Tensor x = Tensor.arange(10).reshape(2, 5);
        Tensor n = x.narrow(-1, -3, 2);
        assertArrayEquals(new int[] {2, 2}, n.shape());
        assertArrayEquals(new float[] {2f, 3f, 7f, 8f}, n.toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.narrow(1, -2, 3));
        assertTrue(e.getMessage().contains("narrow") && e.getMessage().contains("[2, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.narrow(1, -6, 1));
        assertTrue(e.getMessage().contains("narrow") && e.getMessage().contains("-6"), e.getMessage());
    }
}
