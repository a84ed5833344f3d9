package dev.nabla.kernel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every elementwise op, reduction, dot and axpy of {@link VectorKernels} equals {@link ScalarKernels}. */
class VectorKernelsTest {
    private final Kernels scalar = new ScalarKernels();
    private final Kernels vector = new VectorKernels();
    /** Lengths around vector widths, plus one large enough to be split across threads. */
    private static final int[] LENGTHS = {0, 1, 7, 8, 15, 16, 17, 33, 64, 1000, 1 << 17 | 5};

    /** Values with the awkward ones mixed in: NaN, infinities, signed zeros, exact zeros. */
    private static float[] data(SplittableRandom rnd, int size, boolean specials) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 6 - 3);
        }
        if (specials && size > 20) {
            float[] s = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, 1e-40f, -1e-40f};
            for (int i = 0; i < s.length; i++) {
                x[3 + i * 2] = s[i];
            }
        }
        return x;
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + " differs at " + i + ": scalar " + expected[i] + " vector " + actual[i]);
            }
        }
    }

    @Test
    void everyUnaryOpMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (UnaryOp op : UnaryOp.values()) {
            float a = op == UnaryOp.CLAMP ? -1f : 0.3f;
            float b = op == UnaryOp.CLAMP ? 2f : 20f;
            for (int n : LENGTHS) {
                float[] x = data(rnd, n + 3, true);
                float[] ys = new float[n + 5];
                float[] yv = new float[n + 5];
                scalar.unary(op, a, b, x, 3, ys, 2, n);
                vector.unary(op, a, b, x, 3, yv, 2, n);
                if (VectorKernels.approximate(op)) {
                    assertUlps(ys, yv, 2, op + " n=" + n);
                } else {
                    assertBits(ys, yv, op + " n=" + n);
                }
            }
        }
    }

    /** Equal within maxUlp units in the last place, NaN where NaN; values below 1e-37 count as equal. */
    private static void assertUlps(float[] expected, float[] actual, int maxUlp, String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float g = actual[i];
            if (Float.isNaN(e) || Float.isNaN(g)) {
                if (Float.isNaN(e) != Float.isNaN(g)) {
                    fail(what + " NaN mismatch at " + i + ": scalar " + e + " vector " + g);
                }
                continue;
            }
            if (e == g || Math.abs(e - g) < 1e-37f) {
                continue;
            }
            if (Math.abs(e - g) > maxUlp * Math.ulp(e)) {
                fail(what + " differs at " + i + " by more than " + maxUlp + " ulp: scalar " + e + " vector " + g);
            }
        }
    }

    @Test
    void transcendentalsWithinTwoUlpOverTheirRange() {
        // A dense sweep of [-30, 30] plus the saturating tails.
        int n = 600_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -30f + 60f * i / (n - 1);
        }
        x[0] = -100f;
        x[1] = 100f;
        x[2] = Float.NaN;
        x[3] = Float.NEGATIVE_INFINITY;
        x[4] = Float.POSITIVE_INFINITY;
        for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.SILU}) {
            float[] ys = new float[n];
            float[] yv = new float[n];
            scalar.unary(op, 0f, 0f, x, 0, ys, 0, n);
            vector.unary(op, 0f, 0f, x, 0, yv, 0, n);
            assertUlps(ys, yv, 2, op.toString());
        }
        float[] y = new float[16];
        vector.unary(UnaryOp.SIGMOID, 0f, 0f, new float[16], 0, y, 0, 16);
        assertEquals(0.5f, y[15]);
        vector.unary(UnaryOp.EXP, 0f, 0f, new float[16], 0, y, 0, 16);
        assertEquals(1f, y[15]);
    }

    @Test
    void unaryInPlace() {
        SplittableRandom rnd = new SplittableRandom(12);
        float[] x = data(rnd, 1000, true);
        float[] expected = new float[1000];
        scalar.unary(UnaryOp.RELU, 0, 0, x, 0, expected, 0, 1000);
        vector.unary(UnaryOp.RELU, 0, 0, x, 0, x, 0, 1000);
        assertBits(expected, x, "relu in place");
    }

    @Test
    void everyBinaryOpAndStrideMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(13);
        int[][] strides = {{1, 1}, {1, 0}, {0, 1}, {0, 0}, {2, 1}, {1, 3}};
        for (BinaryOp op : BinaryOp.values()) {
            for (int[] st : strides) {
                for (int n : LENGTHS) {
                    float[] x = data(rnd, 2 + Math.max(1, n * st[0]), true);
                    float[] y = data(rnd, 1 + Math.max(1, n * st[1]), true);
                    float[] os = new float[n + 4];
                    float[] ov = new float[n + 4];
                    scalar.binary(op, 0.7f, x, 2, st[0], y, 1, st[1], os, 4 % (n + 1), n);
                    vector.binary(op, 0.7f, x, 2, st[0], y, 1, st[1], ov, 4 % (n + 1), n);
                    assertBits(os, ov, op + " strides " + st[0] + "/" + st[1] + " n=" + n);
                }
            }
        }
    }

    @Test
    void maxAndMinFollowNanAndSignedZeroRules() {
        float[] x = {Float.NaN, 1f, -0f, 0f, 2f, -5f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f};
        float[] y = {1f, Float.NaN, 0f, -0f, -2f, -4f, 3f, 5f, 4f, 7f, 6f, 9f, 8f, 11f, 10f, 13f, 12f, 15f};
        for (BinaryOp op : new BinaryOp[] {BinaryOp.MAX, BinaryOp.MIN}) {
            float[] os = new float[x.length];
            float[] ov = new float[x.length];
            scalar.binary(op, 0f, x, 0, 1, y, 0, 1, os, 0, x.length);
            vector.binary(op, 0f, x, 0, 1, y, 0, 1, ov, 0, x.length);
            assertBits(os, ov, op.toString());
            assertTrue(Float.isNaN(ov[0]) && Float.isNaN(ov[1]));
        }
    }

    @Test
    void sumMaxDotMatchScalar() {
        SplittableRandom rnd = new SplittableRandom(14);
        for (int n : LENGTHS) {
            float[] x = data(rnd, n + 2, false);
            float[] y = data(rnd, n + 1, false);
            float ss = scalar.sum(x, 2, n);
            float sv = vector.sum(x, 2, n);
            assertEquals(ss, sv, 1e-6f * (n + 1) + Math.abs(ss) * 1e-6f, "sum n=" + n);
            assertEquals(scalar.max(x, 2, n), vector.max(x, 2, n), "max n=" + n);
            float ds = scalar.dot(x, 2, y, 1, n);
            float dv = vector.dot(x, 2, y, 1, n);
            assertEquals(ds, dv, 1e-5f * (n + 1), "dot n=" + n);
        }
        assertEquals(0f, vector.sum(new float[0], 0, 0));
        assertEquals(Float.NEGATIVE_INFINITY, vector.max(new float[3], 1, 0));
    }

    @Test
    void expShiftSumMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int n : LENGTHS) {
            float[] x = data(rnd, n + 3, false);
            if (n > 4) {
                x[3 + n / 2] = Float.NEGATIVE_INFINITY; // a masked position: exp gives exactly 0
            }
            float[] ys = new float[n + 1];
            float[] yv = new float[n + 1];
            float ss = scalar.expShiftSum(x, 3, 0.75f, ys, 1, n);
            float sv = vector.expShiftSum(x, 3, 0.75f, yv, 1, n);
            assertEquals(ss, sv, Math.abs(ss) * 1e-5f, "sum n=" + n);
            for (int i = 0; i <= n; i++) {
                assertEquals(ys[i], yv[i], Math.abs(ys[i]) * 2e-6f, "exp n=" + n + " i=" + i);
            }
            if (n > 4) {
                assertEquals(0f, yv[1 + n / 2], "exp(-inf) n=" + n);
            }
            assertEquals(0f, yv[0], "the element before yOff is not written");
        }
        float[] nan = {1f, Float.NaN, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f, 16f};
        assertTrue(Float.isNaN(vector.expShiftSum(nan, 0, 0f, new float[nan.length], 0, nan.length)));
        assertEquals(0f, vector.expShiftSum(new float[2], 0, 0f, new float[2], 0, 0));
    }

    @Test
    void sumOfKnownValues() {
        float[] x = new float[100_003];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 7;
        }
        // 14285 full cycles of 0..6 (sum 21) plus 0, 1, 2 at the end... 100003 = 7 * 14286 + 1.
        assertEquals(21f * 14286, vector.sum(x, 0, x.length));
        assertEquals(6f, vector.max(x, 0, x.length));
    }

    @Test
    void maxIsNanIfAnyIsNan() {
        for (int n : new int[] {5, 40, 200_000}) {
            float[] x = new float[n];
            x[n - 2] = Float.NaN;
            assertTrue(Float.isNaN(vector.max(x, 0, n)), "n=" + n);
            x[n - 2] = 0f;
            x[1] = Float.NaN;
            assertTrue(Float.isNaN(vector.max(x, 0, n)), "n=" + n);
        }
    }

    @Test
    void axpyMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(15);
        for (int n : LENGTHS) {
            float[] x = data(rnd, n + 1, true);
            float[] ys = data(rnd, n + 3, true);
            float[] yv = ys.clone();
            scalar.axpy(n, -1.25f, x, 1, ys, 3);
            vector.axpy(n, -1.25f, x, 1, yv, 3);
            assertBits(ys, yv, "axpy n=" + n);
        }
    }

    @Test
    void nameGivesTheVectorWidth() {
        assertEquals("vector-" + VectorKernels.vectorBits(), vector.name());
        assertTrue(VectorKernels.vectorBits() >= 128);
    }
}
