package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/** cumsum/cumprod/prod (exact gradients with zeros) and flip/roll/tril/triu/movedim/tile against PyTorch 1.13. */
class ScansAndRearrangeTest {
    private static Tensor withZeros() {
        return Tensor.of(new float[] {1.5f, 0f, 2f, -1f, 0.5f, 2f, 0f, 0f}, 2, 4).requiresGrad(true);
    }

    private static final Tensor UP = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);

    @Test
    void scansMatchPyTorchIncludingZeros() {
        Tensor x = withZeros();
        Tensor c = Scans.cumprod(x, 1);
        assertArrayEquals(new float[] {1.5f, 0f, 0f, -0f, 0.5f, 1f, 0f, 0f}, c.toFloatArray());
        c.mul(UP).sum().backward();
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f, 17f, 3f, 7f, 0f}, x.grad().toFloatArray(), 1e-6f);
        Tensor x2 = withZeros();
        Tensor p = Scans.prod(x2, 1, false);
        assertArrayEquals(new float[] {-0f, 0f}, p.toFloatArray());
        p.mul(Tensor.of(new float[] {2f, 3f}, 2)).sum().backward();
        assertArrayEquals(new float[] {0f, -6f, 0f, 0f, 0f, 0f, 0f, 0f}, x2.grad().toFloatArray(), 1e-6f);
        Tensor x3 = withZeros();
        Tensor s = Scans.cumsum(x3, 0);
        assertArrayEquals(new float[] {1.5f, 0f, 2f, -1f, 2f, 2f, 2f, -1f}, s.toFloatArray());
        s.mul(UP).sum().backward();
        assertArrayEquals(new float[] {6, 8, 10, 12, 5, 6, 7, 8}, x3.grad().toFloatArray());
        assertArrayEquals(new int[] {2, 1}, Scans.prod(x, -1, true).shape());
        assertArrayEquals(new int[0], Scans.prod(x).shape());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = Tensor.of(new float[] {0.7f, -1.2f, 1.1f, 0.9f, -0.6f, 1.3f}, 2, 3).requiresGrad(true);
        GradCheck.check(in -> Scans.cumsum(in[0], 1), x);
        GradCheck.check(in -> Scans.cumprod(in[0], 1), x);
        GradCheck.check(in -> Scans.cumprod(in[0], 0), x);
        GradCheck.check(in -> Scans.prod(in[0], 0, true), x);
        GradCheck.check(in -> Scans.prod(in[0]), x);
        GradCheck.check(in -> Rearrange.roll(in[0], new int[] {-1, 2}, new int[] {0, 1}), x);
        GradCheck.check(in -> Rearrange.triu(in[0], 1), x);
        GradCheck.check(in -> Rearrange.flip(in[0], 1), x);
    }

    @Test
    void rearrangements() {
        Tensor x = Tensor.arange(6).reshape(2, 3).toFloat();
        assertArrayEquals(new float[] {5, 4, 3, 2, 1, 0}, Rearrange.flip(x, 0, -1).toFloatArray());
        assertArrayEquals(new float[] {4, 5, 0, 1, 2, 3}, Rearrange.roll(x, new int[] {2}, null).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 0, 4, 5, 3}, Rearrange.roll(x, new int[] {-1}, new int[] {1}).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 0, 3, 0, 0}, Rearrange.tril(x, -1).toFloatArray());
        assertArrayEquals(new float[] {0, 1, 2, 0, 4, 5}, Rearrange.triu(x, 0).toFloatArray());
        Tensor y = Tensor.zeros(2, 3, 4);
        assertArrayEquals(new int[] {3, 4, 2}, Rearrange.movedim(y, new int[] {0}, new int[] {-1}).shape());
        assertArrayEquals(new int[] {3, 4, 2}, Rearrange.movedim(y, new int[] {0, 1}, new int[] {2, 0}).shape());
        assertArrayEquals(new int[] {2, 2, 6}, Rearrange.tile(x, 2, 1, 2).shape());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}, Rearrange.tile(x, 2).toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rearrange.tril(Tensor.zeros(3), 0));
        assertTrue(e.getMessage().contains("tril") && e.getMessage().contains("[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rearrange.flip(x, 1, -1));
        assertTrue(e.getMessage().contains("flip") && e.getMessage().contains("multiple"), e.getMessage());
    }
}
