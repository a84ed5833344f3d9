package dev.nabla.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class InitTest {

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void fansAsTorch() {
        assertEquals(new Init.Fans(20, 30), Init.calculateFanInAndFanOut(Tensor.zeros(30, 20)));
        // conv weight (out, in, kh, kw): fan_in = in * kh * kw, fan_out = out * kh * kw
        assertEquals(new Init.Fans(3 * 25, 16 * 25), Init.calculateFanInAndFanOut(Tensor.zeros(16, 3, 5, 5)));
        var e = assertThrows(IllegalArgumentException.class, () -> Init.calculateFanInAndFanOut(Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("fewer than 2 dimensions"), e.getMessage());
    }

    @Test
    void gainsAsTorch() {
        assertEquals(1.0, Init.calculateGain("linear"));
        assertEquals(1.0, Init.calculateGain("conv2d"));
        assertEquals(1.0, Init.calculateGain("sigmoid"));
        assertEquals(5.0 / 3, Init.calculateGain("tanh"), 1e-15);
        assertEquals(Math.sqrt(2), Init.calculateGain("relu"), 1e-15);
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.calculateGain("leaky_relu"), 1e-15);
        assertEquals(Math.sqrt(2 / (1 + 5.0)), Init.calculateGain("leaky_relu", Math.sqrt(5)), 1e-15);
        assertEquals(0.75, Init.calculateGain("selu"));
        assertThrows(IllegalArgumentException.class, () -> Init.calculateGain("swish"));
    }

    @Test
    void uniformAndNormalStatistics() {
        Generator g = new Generator(1);
        float[] u = Init.uniform(Tensor.zeros(200, 100), -2, 3, g).toFloatArray();
        assertEquals(0.5, mean(u), 0.03);
        assertEquals(5 / Math.sqrt(12), std(u), 0.02);
        for (float x : u) {
            assertTrue(x >= -2 && x < 3);
        }
        float[] n = Init.normal(Tensor.zeros(200, 100), 1.5, 0.5, g).toFloatArray();
        assertEquals(1.5, mean(n), 0.01);
        assertEquals(0.5, std(n), 0.01);
        float[] t = Init.truncNormal(Tensor.zeros(20000), 0, 1, g).toFloatArray();
        assertTrue(maxAbs(t) <= 2);
        // std of N(0,1) truncated to [-2, 2] is 0.8796
        assertEquals(0.8796, std(t), 0.015);
        assertArrayEquals(new float[] {7, 7, 7}, Init.constant(Tensor.zeros(3), 7).toFloatArray());
        assertArrayEquals(new float[] {1, 1}, Init.ones(Tensor.zeros(2)).toFloatArray());
        assertArrayEquals(new float[] {0, 0}, Init.zeros(Tensor.ones(2)).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, Init.eye(Tensor.zeros(2, 3)).toFloatArray());
    }

    @Test
    void xavierStatistics() {
        Generator g = new Generator(2);
        Tensor w = Tensor.zeros(300, 200);
        float[] u = Init.xavierUniform(w, 2.0, g).toFloatArray();
        double a = 2.0 * Math.sqrt(6.0 / 500);
        assertTrue(maxAbs(u) <= a && maxAbs(u) > 0.99 * a);
        assertEquals(a / Math.sqrt(3), std(u), 0.01 * a);
        float[] n = Init.xavierNormal(w, 1.0, g).toFloatArray();
        assertEquals(Math.sqrt(2.0 / 500), std(n), 0.01 * Math.sqrt(2.0 / 500));
        assertEquals(0, mean(n), 0.001);
    }

    @Test
    void kaimingStatistics() {
        Generator g = new Generator(3);
        Tensor w = Tensor.zeros(64, 32, 3, 3); // fan_in 288, fan_out 576
        float[] u = Init.kaimingUniform(w, 0, "fan_in", "relu", g).toFloatArray();
        double bound = Math.sqrt(2) * Math.sqrt(3.0 / 288);
        assertTrue(maxAbs(u) <= bound && maxAbs(u) > 0.99 * bound);
        float[] n = Init.kaimingNormal(w, 0, "fan_out", "relu", g).toFloatArray();
        assertEquals(Math.sqrt(2.0 / 576), std(n), 0.02 * Math.sqrt(2.0 / 576));
        // Linear's default: a = sqrt(5) gives U(-1/sqrt(fan_in), 1/sqrt(fan_in))
        float[] lin = Init.kaimingUniform(Tensor.zeros(100, 400), Math.sqrt(5), g).toFloatArray();
        assertTrue(maxAbs(lin) <= 1 / 20.0 && maxAbs(lin) > 0.99 / 20.0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Init.kaimingNormal(w, 0, "fan_avg", "relu", g));
        assertTrue(e.getMessage().contains("fan_avg"));
        // no elements: unchanged, no error (as PyTorch's warning)
        assertEquals(0, Init.kaimingUniform(Tensor.zeros(0, 3)).numel());
    }

    @Test
    void orthogonalRowsOrColumnsAreOrthonormal() {
        Generator g = new Generator(4);
        for (int[] shape : new int[][] {{6, 4}, {4, 6}, {5, 5}, {3, 2, 2, 2}}) {
            Tensor w = Init.orthogonal(Tensor.zeros(shape), 1.0, g);
            int rows = shape[0];
            int cols = w.numel() / rows;
            Tensor m = w.reshape(rows, cols);
            Tensor gram = rows <= cols ? m.matmul(m.t()) : m.t().matmul(m);
            int k = Math.min(rows, cols);
            float[] eye = Tensor.eye(k).toFloatArray();
            assertArrayEquals(eye, gram.toFloatArray(), 1e-5f, java.util.Arrays.toString(shape));
        }
        Tensor scaled = Init.orthogonal(Tensor.zeros(3, 3), 2.0, g);
        assertArrayEquals(Tensor.eye(3).mul(4.0).toFloatArray(), scaled.matmul(scaled.t()).toFloatArray(), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> Init.orthogonal(Tensor.zeros(3), 1.0, g));
    }

    @Test
    void householderQMatchesAWithPositiveDiagonalR() {
        double[] a = {2, -1, 0, 1, 3, 1, 1, 0, 4, 0, 2, 1}; // (4, 3)
        double[] copy = a.clone();
        double[] q = Init.householderQ(copy, 4, 3);
        // R = Q^T A must be upper triangular with a positive diagonal
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double r = 0;
                for (int k = 0; k < 4; k++) {
                    r += q[k * 3 + i] * a[k * 3 + j];
                }
                if (i > j) {
                    assertEquals(0, r, 1e-12);
                } else if (i == j) {
                    assertTrue(r > 0);
                }
            }
        }
    }

    @Test
    void seededInitIsReproducibleAndWorksOnParametersAndViews() {
        Tensor a = Init.normal(Tensor.zeros(5, 5), 0, 1, new Generator(11));
        Tensor b = Init.normal(Tensor.zeros(5, 5), 0, 1, new Generator(11));
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        Tensor p = Tensor.zeros(4, 4).requiresGrad(true);
        Init.uniform(p, 1, 2, new Generator(1));
        assertTrue(p.get(0, 0) >= 1);
        // a non-contiguous view: only its elements change
        Tensor base = Tensor.zeros(4, 4);
        Init.ones(base.t().narrow(0, 1, 1));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, base.narrow(1, 0, 2).t().toFloatArray());
    }
}
