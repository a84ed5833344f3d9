package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The piecewise and smooth activations beside relu/elu/gelu: values from PyTorch 1.13 and GradCheck. */
class ActivationsTest {
    private static final float[] X = {-4f, -2.5f, -0.7f, -0.2f, 0.3f, 0.8f, 2f, 4.5f, 7f};

    private static void assertValues(float[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.toFloatArray(), 2e-6f);
    }

    @Test
    void valuesMatchPyTorch() {
        Tensor x = Tensor.of(X, 9);
        assertValues(new float[] {-0.5f, -0.5f, -0.5f, -0.2f, 0.3f, 0.8f, 2f, 2f, 2f}, F.hardtanh(x, -0.5, 2.0));
        assertValues(new float[] {0f, 0f, 0f, 0f, 0.3f, 0.8f, 2f, 4.5f, 6f}, F.relu6(x));
        assertValues(new float[] {-1.725899f, -1.613786f, -0.885053f, -0.3186893f, 0.3152103f, 0.8405608f, 2.101402f,
                4.728154f, 7.354907f}, F.selu(x));
        assertValues(new float[] {-0.697691f, -0.680319f, -0.4424844f, -0.1739659f, 0.3f, 0.8f, 2f, 4.5f, 7f},
                F.celu(x, 0.7));
        assertValues(new float[] {-0.07259174f, -0.1968162f, -0.2678702f, -0.1071448f, 0.2080014f, 0.6596998f,
                1.943959f, 4.498914f, 6.999988f}, F.mish(x));
        assertValues(new float[] {0f, -0.2083333f, -0.2683333f, -0.09333333f, 0.165f, 0.5066667f, 1.666667f, 4.5f, 7f},
                F.hardswish(x));
        assertValues(new float[] {0f, 0.08333333f, 0.3833333f, 0.4666667f, 0.55f, 0.6333333f, 0.8333333f, 1f, 1f},
                F.hardsigmoid(x));
        assertValues(new float[] {-0.8f, -0.7142857f, -0.4117647f, -0.1666667f, 0.2307692f, 0.4444444f, 0.6666667f,
                0.8181818f, 0.875f}, F.softsign(x));
        assertValues(new float[] {-3.000671f, -1.513386f, -0.09563222f, -0.00262468f, 0.008687388f, 0.1359632f,
                1.035972f, 3.500247f, 6.000002f}, F.tanhshrink(x));
        assertValues(new float[] {-2f, -2f, -2f, -2f, -2f, 0.8f, 2f, 4.5f, 7f}, F.threshold(x, 0.5, -2.0));
        assertValues(new float[] {-3.5f, -2f, -0.2f, 0f, 0f, 0.3f, 1.5f, 4f, 6.5f}, F.softshrink(x, 0.5));
        assertValues(new float[] {-4f, -2.5f, -0.7f, 0f, 0f, 0.8f, 2f, 4.5f, 7f}, F.hardshrink(x, 0.5));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        // Points kept away from the kinks (+-3, 0, 6, +-0.5, the threshold) where the derivative jumps.
        float[] pts = {-4.2f, -2.2f, -0.8f, -0.3f, 0.2f, 0.9f, 2.4f, 3.6f, 6.8f};
        java.util.List<UnaryOperator<Tensor>> fns = java.util.List.of(t -> F.hardtanh(t, -0.5, 2.0), F::relu6, F::selu,
                t -> F.celu(t, 0.7), F::mish, F::hardswish, F::hardsigmoid, F::softsign, F::tanhshrink,
                t -> F.threshold(t, 0.5, -2.0), t -> F.softshrink(t, 0.5), t -> F.hardshrink(t, 0.5));
        for (UnaryOperator<Tensor> fn : fns) {
            GradCheck.check(in -> fn.apply(in[0]), Tensor.of(pts.clone(), 3, 3).requiresGrad(true));
        }
    }

    @Test
    void gradientsAtTheKinksFollowPyTorch() {
        // PyTorch 1.13, d(sum f(x))/dx at x = -6, -3, -1, -0.5, 0, 0.5, 1, 3, 6.
        float[] kinks = {-6f, -3f, -1f, -0.5f, 0f, 0.5f, 1f, 3f, 6f};
        float s = 1f / 6f;
        assertGradAt(kinks, F::hardtanh, new float[] {0, 0, 0, 1, 1, 1, 0, 0, 0});
        assertGradAt(kinks, F::relu6, new float[] {0, 0, 0, 0, 0, 1, 1, 1, 0});
        assertGradAt(kinks, F::hardsigmoid, new float[] {0, 0, s, s, s, s, s, 0, 0});
        assertGradAt(kinks, F::hardswish, new float[] {0, -0.5f, 1f / 6, 1f / 3, 0.5f, 2f / 3, 5f / 6, 1, 1});
        // clamp's own gradient includes both bounds; min > max yields max everywhere with zero gradient.
        assertGradAt(kinks, t -> t.clamp(-0.5, 1.0), new float[] {0, 0, 0, 1, 1, 1, 1, 0, 0});
        assertGradAt(kinks, t -> t.clamp(1.0, -1.0), new float[9]);
        assertValues(new float[] {-1, -1, -1, -1, -1, -1, -1, -1, -1}, Tensor.of(kinks, 9).clamp(1.0, -1.0));
    }

    private static void assertGradAt(float[] at, UnaryOperator<Tensor> fn, float[] expected) {
        Tensor x = Tensor.of(at.clone(), at.length).requiresGrad(true);
        fn.apply(x).sum().backward();
        assertArrayEquals(expected, x.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void badArgumentsNameTheOpAndValue() {
        Tensor x = Tensor.of(X, 9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> F.hardtanh(x, 1.0, -1.0));
        assertTrue(e.getMessage().contains("hardtanh") && e.getMessage().contains("min_val (1.0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.softshrink(x, -0.1));
        assertTrue(e.getMessage().contains("softshrink") && e.getMessage().contains("-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.celu(x, 0));
        assertTrue(e.getMessage().contains("celu") && e.getMessage().contains("alpha"), e.getMessage());
    }
}
