package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.tensor.Tensor;

/** Small helpers shared by the optimizer tests. */
final class OptimTesting {
    private OptimTesting() {
    }

    static Tensor param(float... values) {
        return Tensor.of(values, values.length).requiresGrad(true);
    }

    static void grad(Tensor p, float... values) {
        p.setGrad(Tensor.of(values, values.length));
    }

    static void assertValues(double[] expected, Tensor actual, double tol) {
        float[] a = actual.toFloatArray();
        assertEquals(expected.length, a.length, "element count");
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], tol, "element " + i);
        }
    }
}
