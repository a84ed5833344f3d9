package dev.nabla.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Vector API GEMM equals the scalar reference on odd shapes, offsets, leading dims, transposes, alpha/beta. */
class VectorGemmTest {
    private final Kernels scalar = new ScalarKernels();
    private final Kernels vector = new VectorKernels();

    /** Runs one case on both kernels and compares within a tolerance that grows with k. */
    private void check(SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta) {
        int padA = rnd.nextInt(4);
        int padB = rnd.nextInt(4);
        int padC = rnd.nextInt(4);
        int lda = (ta ? m : k) + padA;
        int ldb = (tb ? k : n) + padB;
        int ldc = n + padC;
        int aOff = rnd.nextInt(5);
        int bOff = rnd.nextInt(5);
        int cOff = rnd.nextInt(5);
        float[] a = random(rnd, aOff + (ta ? k : m) * lda + 3);
        float[] b = random(rnd, bOff + (tb ? n : k) * ldb + 3);
        float[] c0 = random(rnd, cOff + m * ldc + 3);
        if (beta == 0f && c0.length > cOff) {
            c0[cOff] = Float.NaN; // beta = 0 must ignore C's old contents
        }
        float[] cs = c0.clone();
        float[] cv = c0.clone();
        scalar.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, cs, cOff, ldc);
        vector.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, cv, cOff, ldc);
        float tol = 2e-6f * (k + 2) * (Math.abs(alpha) + Math.abs(beta) + 1);
        for (int i = 0; i < cs.length; i++) {
            boolean insideC = i >= cOff && i < cOff + m * ldc && (i - cOff) % ldc < n;
            if (!insideC) {
                if (Float.floatToRawIntBits(cv[i]) != Float.floatToRawIntBits(c0[i])) {
                    fail("gemm wrote outside C at " + i + " " + desc(ta, tb, m, n, k, alpha, beta));
                }
                continue;
            }
            if (!(Math.abs(cs[i] - cv[i]) <= tol)) {
                fail("gemm " + desc(ta, tb, m, n, k, alpha, beta) + " at C[" + (i - cOff) / ldc + "]["
                        + (i - cOff) % ldc + "]: scalar " + cs[i] + " vector " + cv[i]);
            }
        }
    }

    private static String desc(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta) {
        return (ta ? "T" : "N") + (tb ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta;
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static final int[] SMALL = {0, 1, 2, 3, 5, 7, 8, 13, 16, 17, 31, 33};

    @Test
    void smallShapesAllTransposes() {
        SplittableRandom rnd = new SplittableRandom(1);
        int cases = 0;
        for (int ta = 0; ta < 2; ta++) {
            for (int tb = 0; tb < 2; tb++) {
                for (int m : SMALL) {
                    for (int n : SMALL) {
                        int k = SMALL[rnd.nextInt(SMALL.length)];
                        float[] alphas = {1f, -0.5f, 2f};
                        float[] betas = {0f, 1f, 0.25f};
                        check(rnd, ta == 1, tb == 1, m, n, k, alphas[rnd.nextInt(3)], betas[rnd.nextInt(3)]);
                        cases++;
                    }
                }
            }
        }
        assertEquals(4 * SMALL.length * SMALL.length, cases);
    }

    @Test
    void kOfZeroAndOneAndAlphaZero() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (float beta : new float[] {0f, 1f, -3f}) {
            check(rnd, false, false, 7, 9, 0, 1f, beta);
            check(rnd, true, true, 7, 9, 1, 1.5f, beta);
            check(rnd, false, true, 40, 50, 20, 0f, beta);
        }
    }

    @Test
    void shapesCrossingEveryBlockBoundary() {
        // Larger than MC rows, KC depth and several NR slivers, with primes so every edge tile is partial.
        SplittableRandom rnd = new SplittableRandom(3);
        List<int[]> shapes = new ArrayList<>(List.of(
                new int[] {VectorGemm.MC + 1, VectorGemm.NR * 3 + 5, VectorGemm.KC + 3},
                new int[] {2 * VectorGemm.MC + VectorGemm.MR - 1, 67, 2 * VectorGemm.KC + 1},
                new int[] {97, 101, 103},
                new int[] {256, 256, 256},
                new int[] {1, 1000, 300},      // m = 1: a row vector times a matrix (unpacked path)
                new int[] {4, 37, 301},        // few rows: dot products when B is transposed
                new int[] {1, 77, 50},
                new int[] {300, 1, 257},       // n = 1
                new int[] {9, 1000, 300},      // few row tiles: threads split the B slivers
                new int[] {64, 512, 128},      // LSTM h @ W_hh^T
                new int[] {200, 32, 400}));    // conv-style: tiny N
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                check(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], t == 3 ? 0.5f : 1f, t == 2 ? 0.5f : (t == 1 ? 1f : 0f));
            }
        }
    }

    @Test
    void bReadInPlaceAndPackedWithTailsOfEveryKind() {
        // NN with ldb up to DIRECT_B_MAX_LD reads full-width B slivers in place (the strided kernel variant);
        // wider B is packed (the constant-stride variant). Odd and KC-crossing depths exercise the odd last
        // k step and a last k block shorter than KC (packed A rows stay KC apart); m off the MR grid and n
        // off the NR grid give partial tiles; alpha != 1 and every beta kind go through both paths.
        SplittableRandom rnd = new SplittableRandom(8);
        int[] ns = {VectorGemm.NR * 4, VectorGemm.NR * 4 + 3, VectorGemm.DIRECT_B_MAX_LD, VectorGemm.DIRECT_B_MAX_LD + VectorGemm.NR + 1};
        int[] ks = {1, 2, 7, VectorGemm.KC - 1, VectorGemm.KC + 1, 2 * VectorGemm.KC + 5};
        int[] ms = {VectorGemm.MR, 2 * VectorGemm.MR + 1, 61};
        float[][] ab = {{1f, 0f}, {1f, 1f}, {0.5f, -2f}, {-1.5f, 0.25f}};
        int i = 0;
        for (int n : ns) {
            for (int k : ks) {
                int m = ms[i % ms.length];
                float[] alphaBeta = ab[i % ab.length];
                check(rnd, false, false, m, n, k, alphaBeta[0], alphaBeta[1]);
                check(rnd, (i & 1) == 1, (i & 2) == 2, m, n, k, alphaBeta[0], alphaBeta[1]);
                i++;
            }
        }
    }

    @Test
    void wideNPanelsBeyondNc() {
        SplittableRandom rnd = new SplittableRandom(4);
        check(rnd, false, false, 3, VectorGemm.NC + 2 * VectorGemm.NR + 3, 4, 1f, 1f);
        check(rnd, false, true, 17, VectorGemm.NC + 1, 5, 1f, 0f);
    }

    @Test
    void threadedManyPanelsAndDepths() {
        // Several NC panels and KC depths: exercises the double-buffered B panels shared by threads.
        SplittableRandom rnd = new SplittableRandom(6);
        check(rnd, false, false, 70, VectorGemm.NC + VectorGemm.NR + 5, 3 * VectorGemm.KC + 7, 1f, 0.5f);
        check(rnd, true, true, 2 * VectorGemm.MC + 3, 150, 2 * VectorGemm.KC + 1, -1f, 0f);
    }

    @Test
    void sameResultsWithThreadingOff() {
        // Inside a pool job every call runs inline, so this runs the single-threaded path on a shape
        // that is otherwise split across threads; results must match the threaded run exactly.
        SplittableRandom rnd = new SplittableRandom(5);
        int m = 150;
        int n = 190;
        int k = 300;
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] threaded = new float[m * n];
        float[] inline = new float[m * n];
        vector.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, threaded, 0, n);
        boolean[] ranInJob = new boolean[1];
        Parallel.team(1, (id, members) -> {
            ranInJob[0] = Parallel.inJob();
            vector.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, inline, 0, n);
        });
        assertTrue(ranInJob[0]);
        for (int i = 0; i < threaded.length; i++) {
            assertEquals(Float.floatToRawIntBits(threaded[i]), Float.floatToRawIntBits(inline[i]), "element " + i);
        }
        float[] ref = new float[m * n];
        scalar.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, ref, 0, n);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], inline[i], 1e-4f);
        }
    }

    @Test
    void sharedPanelModeMatchesScalar() {
        // The shared-panel threading mode (nabla.gemm.split=shared), called directly: several panels
        // and depths, so threads meet at every step and reuse both panel buffers.
        SplittableRandom rnd = new SplittableRandom(7);
        int[][] shapes = {{150, VectorGemm.NC + 40, 2 * VectorGemm.KC + 9}, {13, 700, 3 * VectorGemm.KC}, {300, 64, 50}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = random(rnd, m * k);
            float[] b = random(rnd, n * k);
            float[] ref = random(rnd, m * n);
            float[] got = ref.clone();
            scalar.gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0.5f, ref, 0, n);
            VectorGemm.serialOrShared(Parallel.threads(), false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0.5f, got, 0, n);
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], got[i], 2e-6f * k, "shared mode m=" + m + " n=" + n + " k=" + k + " at " + i);
            }
        }
    }

    @Test
    void packedBPanelsByRowsOnOneAndSharedThreads() {
        // NN with a B too wide to read in place: one-thread jobs pack each panel's full-width slivers by whole
        // rows of B into padded slivers, shared jobs in groups of SHARED_PACK_SLIVERS; sliver counts off the
        // group size, an edge sliver, several NC panels and KC steps, offsets and padded leading dims.
        SplittableRandom rnd = new SplittableRandom(9);
        int nr = VectorGemm.NR;
        int wide = VectorGemm.DIRECT_B_MAX_LD + 1;
        int[][] shapes = {
            {VectorGemm.MR + 1, wide, 3},
            {2 * VectorGemm.MC + 5, (VectorGemm.SHARED_PACK_SLIVERS + 3) * nr + 7, VectorGemm.KC + 3},
            {37, VectorGemm.NC + 2 * nr + 5, 2 * VectorGemm.KC + 1},
            {64, VectorGemm.SHARED_PACK_SLIVERS * nr * 3, 20},
        };
        int[] threads = {1, Parallel.threads()};
        for (int[] s : shapes) {
            for (int t : threads) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                int ldb = n + 3;
                int lda = k + 1;
                int ldc = n + 2;
                int aOff = 2;
                int bOff = 5;
                int cOff = 1;
                float[] a = random(rnd, aOff + m * lda);
                float[] b = random(rnd, bOff + k * ldb);
                float[] ref = random(rnd, cOff + m * ldc);
                float[] got = ref.clone();
                scalar.gemm(false, false, m, n, k, 0.75f, a, aOff, lda, b, bOff, ldb, 0.5f, ref, cOff, ldc);
                VectorGemm.serialOrShared(t, false, false, m, n, k, 0.75f, a, aOff, lda, b, bOff, ldb, 0.5f, got,
                        cOff, ldc);
                for (int i = 0; i < ref.length; i++) {
                    assertEquals(ref[i], got[i], 2e-6f * (k + 2),
                            "threads=" + t + " m=" + m + " n=" + n + " k=" + k + " at " + i);
                }
            }
        }
    }

    @Test
    void knownProduct() {
        // [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = new float[4];
        vector.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertEquals(List.of(19f, 22f, 43f, 50f), List.of(c[0], c[1], c[2], c[3]));
    }
}
